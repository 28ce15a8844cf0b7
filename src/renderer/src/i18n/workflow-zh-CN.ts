import type { workflowEn } from './workflow-en'

/** 外壳、训练和结果新增的中文文本（在 zh-CN.ts 中合并为 `workflow`）。 */
export const workflowZhCN: typeof workflowEn = {
  windows: {
    title: '窗口',
    split: '训练 / 验证 / 测试',
    skipped: '跳过（缺口）',
    skippedHint: '触及缺失值的窗口；在“跳过含缺口的窗口”下被排除。',
    aria: '{train} 个训练窗口、{validation} 个验证窗口和 {test} 个测试窗口；{skipped} 个因缺口被跳过'
  },
  settings: {
    extraInputs: '额外输入',
    none: '无'
  },
  engine: {
    checking: '正在询问引擎…',
    answered: '引擎于 {time} 应答：{backend}，{state}。',
    failed: '引擎在 {time} 没有应答。'
  },
  shell: {
    runData: '当前运行的训练数据',
    runDataMissing: '无法重新打开 {name}：数据和解释视图无法显示它的行。'
  },
  noValidationLoss: '没有验证部分：只绘制训练损失。'
}
