/**
 * The unit (本单位) asked once on first run and editable later: name, kind, level, contact.
 * Every new report starts from these.
 */
import { Form, Input, Modal, Radio, Select } from 'antd';
import { useEffect } from 'react';
import type { Settings } from '../../../core/api/contract';
import type { Contact, Unit } from '../../../core/document/types';
import { UNIT_KINDS, UNIT_LEVELS, type UnitKind, type UnitLevel } from '../../../core/format';
import { SHORT_KIND } from '../common/labels';

interface Values {
  name: string;
  kind: UnitKind;
  level?: UnitLevel;
  person?: string;
  phone?: string;
}


export default function UnitDialog(props: {
  open: boolean;
  firstRun: boolean;
  settings: Settings | null;
  onSave(unit: Unit, contact: Contact): Promise<void>;
  onCancel(): void;
}) {
  const [form] = Form.useForm<Values>();
  const { open, settings } = props;

  useEffect(() => {
    if (!open) return;
    form.setFieldsValue({
      name: settings?.unit?.name ?? '',
      kind: settings?.unit?.kind ?? 'government',
      level: settings?.unit?.level ?? 'county',
      person: settings?.contact?.person ?? '',
      phone: settings?.contact?.phone ?? '',
    });
  }, [open, settings, form]);

  const submit = async (): Promise<void> => {
    const v = await form.validateFields();
    const unit: Unit = { name: v.name.trim(), kind: v.kind, ...(v.level ? { level: v.level } : {}) };
    const contact: Contact = {
      ...(settings?.contact ?? {}),
      ...(v.person?.trim() ? { person: v.person.trim() } : {}),
      ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}),
    };
    await props.onSave(unit, contact);
  };

  return (
    <Modal
      open={open}
      title={props.firstRun ? '欢迎使用年报助手：请先填写本单位信息' : '本单位信息'}
      okText={props.firstRun ? '保存，开始使用' : '保存'}
      cancelText={props.firstRun ? '以后再填' : '取消'}
      onOk={submit}
      onCancel={props.onCancel}
      mask={{ closable: false }}
      width={560}
      forceRender
    >
      <div data-testid="unit-dialog">
      {props.firstRun && (
        <p className="dialog-lead">只需填写一次。以后每份新报告都会自动带上这些信息，也可以随时在“本单位信息”中修改。</p>
      )}
      <Form form={form} layout="horizontal" labelCol={{ span: 5 }} wrapperCol={{ span: 19 }} requiredMark={false}>
        <Form.Item
          name="name"
          label="单位名称"
          rules={[{ required: true, whitespace: true, message: '请填写单位全称，例如：集贤县人民政府' }]}
          extra="填写发布机关全称，报告标题为“单位名称+年度+政府信息公开工作年度报告”。"
        >
          <Input placeholder="例如：集贤县人民政府" maxLength={200} autoFocus data-field="unit-name" />
        </Form.Item>
        <Form.Item name="kind" label="单位类型" rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={(Object.keys(UNIT_KINDS) as UnitKind[]).map((k) => ({ value: k, label: SHORT_KIND[k], title: UNIT_KINDS[k] }))}
          />
        </Form.Item>
        <Form.Item name="level" label="层级">
          <Select
            allowClear
            placeholder="请选择"
            options={(Object.keys(UNIT_LEVELS) as UnitLevel[]).map((k) => ({ value: k, label: UNIT_LEVELS[k] }))}
          />
        </Form.Item>
        <Form.Item name="person" label="联系人">
          <Input maxLength={100} data-field="contact-person" />
        </Form.Item>
        <Form.Item name="phone" label="联系电话">
          <Input maxLength={100} data-field="contact-phone" />
        </Form.Item>
      </Form>
      </div>
    </Modal>
  );
}

