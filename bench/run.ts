// npm run bench: prints every performance figure the issues name. Not a test: nothing asserts.
// Usage: npm run bench [-- core docx xlsx renderer]

async function main(): Promise<void> {
  const wanted = new Set(process.argv.slice(2));
  const want = (name: string): boolean => wanted.size === 0 || wanted.has(name);

  interface Row {
    group: string;
    name: string;
    value: number;
    unit: string;
    target: string;
  }
  const rows: Row[] = [];
  const add = (group: string, name: string, value: number, unit: string, target = ''): number => rows.push({ group, name, value, unit, target });

  if (want('core')) {
    const { benchCore } = await import('./core');
    for (const f of await benchCore()) add('core', f.name, f.value, f.unit, f.target);
  }
  if (want('docx')) {
    const { benchDocx } = await import('./docx');
    for (const f of await benchDocx()) add('docx', f.name, f.medianMs, 'ms', '< 150 ms');
  }
  if (want('xlsx')) {
    const { benchXlsx } = await import('./xlsx');
    for (const f of await benchXlsx()) add('xlsx', f.name, f.medianMs, 'ms', /import|read/i.test(f.name) ? '< 100 ms' : '< 150 ms');
  }
  if (want('renderer')) {
    const { benchRenderer } = await import('./renderer');
    for (const f of await benchRenderer()) add('renderer', f.name, f.value, f.unit, f.target ?? '');
  }

  const fmt = (v: number): string => (v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(2) : v.toFixed(4));
  console.log(`\nnianbao benchmarks — Node ${process.version}, ${new Date().toISOString()}\n`);
  for (const r of rows) console.log(`${r.group.padEnd(9)} ${r.name.padEnd(64)} ${fmt(r.value).padStart(10)} ${r.unit.padEnd(4)} ${r.target}`);

}

void main();
