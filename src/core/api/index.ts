export * from './contract';
export { ARG_SCHEMAS, reportId, settingsPatchSchema } from './schemas';
