import { Modal } from 'antd';
import { FORMAT } from '../../../core/format';

export default function AboutDialog(props: { onClose(): void }) {
  return (
    <Modal open title="关于年报助手" footer={null} onCancel={props.onClose}>
      <p>年报助手：填写、检查和导出政府信息公开工作年度报告。</p>
      <p>报告格式：《中华人民共和国政府信息公开工作年度报告格式》（{FORMAT.citation}）。</p>
      <p>全部数据保存在本机，不联网。</p>
    </Modal>
  );
}
