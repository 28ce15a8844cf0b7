import type { CodeTable } from './messages'

/**
 * Simplified Chinese for the data importer's codes (reading, detection,
 * warnings). Listed before the general table, so these — which name what the
 * importer now reports (line, column, the cell, the limit) — are the ones used.
 */
export const dataCodesZhCN: CodeTable = {
  'not-text': '{file} 不是文本 CSV（可能是电子表格、压缩包或图片）。请导出为 CSV 后再打开。',
  'file-too-large': '{file} 超出了可打开的大小上限。',
  'ragged-row': '{file} 第 {row} 行，列“{column}”：应有 {expected} 个字段，实际有 {found} 个。',
  'bad-time': '{file} 第 {row} 行，列“{column}”：“{text}”不符合该列的日期格式。',
  'unsorted-time': '{file} 第 {row} 行，列“{column}”：时间倒退了。可按时间排序。',
  'duplicate-time':
    '{file} 第 {row} 行，列“{column}”：时间重复。可保留同一时间的最后一行，或取平均。',
  'field-too-long': '{file} 第 {row} 行：某个字段超出长度上限。是否有引号未闭合？',
  'record-too-long': '{file} 第 {row} 行：该行超出长度上限。是否有引号未闭合？',
  'too-many-columns': '{file} 第 {row} 行：列数超出上限。',
  'unclosed-quote': '{file} 第 {row} 行：带引号的字段没有闭合。',
  cancelled: '已取消。',
  'open-cancelled': '已取消打开 {file}；之前打开的数据集保持不变。',
  'data-missing-values': '缺失值：{columns}。除非选择向前填充或插值，否则会跳过触及缺失的窗口。',
  'data-gaps':
    '有 {count} 个时间步与通常的间隔不同，第一个在 {time}（第 {line} 行）：序列在时间上有缺口。',
  'data-gaps-business-days':
    '交易日日历（跳过周末）：有 {count} 步跳过了工作日，共 {missing} 个工作日（节假日？），第一个在 {time}（第 {line} 行）。',
  'data-sorted': '各行原本不是按时间排列的；已按时间排序。',
  'data-duplicates-last': '有 {count} 行的时间重复；同一时间保留了最后一行。',
  'data-duplicates-mean': '有 {count} 行的时间重复；同一时间的行已取平均。',
  'data-date-ambiguous':
    '日期既可按日在前也可按月在前读取；已选用间隔更规则的读法。如有误，请修改日期格式。',
  'data-text-columns': '非数值列，不能作为目标或特征：{columns}。',
  // Suggestions and their reasons
  'acf-peak': '自相关在滞后 {lag} 处达到峰值（r = {r}，95% 区间 ±{band}）。',
  'window-season': '一个季节：自相关在滞后 {lag} 处达到峰值。',
  'window-season-capped': '一个季节（自相关峰值在滞后 {lag}），截短为训练行数的四分之一：{cap}。',
  'window-memory': '自相关在滞后 {lag} 之前都超出 95% 区间 ±{band}。',
  'window-memory-capped':
    '自相关在滞后 {lag} 之前都超出 95% 区间 ±{band}；截短为训练行数的四分之一：{cap}。',
  'kpss-trend':
    '对训练部分（{n} 个值）做 KPSS 检验：统计量 {statistic} > 5% 临界值 {critical}（{p}）；水平不平稳，因此学习变化量。',
  'kpss-no-trend':
    '对训练部分（{n} 个值）做 KPSS 检验：统计量 {statistic} ≤ 5% 临界值 {critical}（{p}）；未发现趋势。'
}
