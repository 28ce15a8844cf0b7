import type { CodeTable } from './messages'

/**
 * Simplified Chinese for the codes of multi-step forecasts (issue #10): how
 * the target mode was chosen, and why prediction intervals are missing.
 */
export const forecastCodesZhCN: CodeTable = {
  'target-mode-auto-trend':
    '自动：对训练部分（{n} 个值）的 KPSS 检验统计量为 {statistic} > {critical}（5% 临界值，{p}）；水平存在趋势，因此模型学习变化量。',
  'target-mode-auto-range':
    '自动：训练部分最后 {tail} 个值达到 {value}，超出了之前训练部分的范围（{min} 至 {max}）；按水平建模将不得不外推，因此模型学习变化量。',
  'target-mode-auto-level':
    '自动：对训练部分（{n} 个值）的 KPSS 检验统计量为 {statistic} ≤ {critical}（5% 临界值，{p}），且最后的训练值仍在之前的范围内；模型学习水平值。',
  'target-mode-auto-untested':
    '自动：训练部分只有 {n} 个观测值，太少，无法做趋势检验；模型学习水平值。',
  'target-mode-requested': '目标模式按设置为“{mode}”。',
  'intervals-no-validation':
    '没有预测区间：没有可用于校准的验证部分。请给验证部分分配一定比例的数据。',
  'restored-best-epoch': '已训练全部 {epochs} 轮；第 {bestEpoch} 轮的损失最低，保留了该轮的权重。',
  'restored-best-epoch-train-loss':
    '已训练全部 {epochs} 轮（没有验证部分：它观察的是训练损失）；第 {bestEpoch} 轮的损失最低，保留了该轮的权重。',
  'bad-step': '无法解释第 {step} 步：该模型预测的最远步为第 {horizon} 步（共 {steps} 个输出）。',
  'intervals-too-few':
    '没有 {percent}% 区间：{n} 个验证窗口太少，无法校准（至少需要 {needed} 个）。'
}
