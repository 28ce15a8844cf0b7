import type { formsEn } from './forms-en'

/** 数值字段的中文提示（在 zh-CN.ts 中合并为 `forms`）。 */
export const formsZhCN: typeof formsEn = {
  required: '请输入一个值。',
  notNumber: '请输入数字，例如 12 或 0.5。',
  comma: '小数请用小数点（0.01）；“1,000”可能是一，也可能是一千。',
  integer: '请输入整数。',
  rangeWholeFromTo: '请输入 {min} 到 {max} 之间的整数。',
  rangeWholeFrom: '请输入不小于 {min} 的整数。',
  rangeWholeTo: '请输入不大于 {max} 的整数。',
  rangeFromTo: '请输入 {min} 到 {max} 之间的数。',
  rangeFromBelow: '请输入不小于 {min} 且小于 {max} 的数。',
  rangeFrom: '请输入不小于 {min} 的数。',
  rangeAboveTo: '请输入大于 {min} 且不大于 {max} 的数。',
  rangeAboveBelow: '请输入大于 {min} 且小于 {max} 的数。',
  rangeAbove: '请输入大于 {min} 的数。',
  rangeTo: '请输入不大于 {max} 的数。',
  rangeBelow: '请输入小于 {max} 的数。',
  noValidation: '验证部分为 0%：没有验证损失，因此提前停止改为观察训练损失。',
  fixData: '需要修正的数据设置：{fields}。',
  fixModel: '需要修正的模型设置：{fields}。',
  goToData: '前往数据'
}
