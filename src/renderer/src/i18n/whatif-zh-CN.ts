import type { whatifEn } from './whatif-en'

/** 假设分析编辑器与反事实面板的简体中文文本（合并为 `whatif`）。 */
export const whatifZhCN: typeof whatifEn = {
  title: '假设分析',
  hint: '上下拖动一个点；或聚焦图表，用 ← → 选择时间步、↑ ↓ 微调（按住 Shift 为十倍），按 Enter 在表格中输入它的数值。',
  series: '序列',
  original: '原始预测',
  edited: '修改后的预测',
  change: '变化',
  updating: '更新中…',
  latency: '预测用时 {forecast} 毫秒，归因用时 {attributions} 毫秒',
  undo: '撤销',
  reset: '重置',
  edits: '未修改 | 已修改 1 个单元格 | 已修改 {n} 个单元格',
  ghost: '原始值',
  chartAria: '{series} 在 {steps} 个输入时间步上的值，可编辑：拖动一个点或使用方向键',
  barsAria: '修改后窗口中每个输入时间步的归因',
  focused: '时间步 {date}：{value}',
  attributions: {
    title: '已针对修改后的窗口更新',
    method: 'KernelSHAP，{n} 个联盟，按时间步',
    sum: 'Σφ = {sum}',
    check: 'f(x) − f(基线) = {prediction} − {baseline} = {difference}',
    gap: '可加性差距 {gap}',
    stale: '对应上一次修改；正在重新计算…'
  },
  table: {
    title: '窗口数值',
    caption: '输入窗口：每行一个时间步，每列一个输入，使用原始单位。已修改的单元格有标记。',
    step: '时间步',
    date: '日期',
    cellLabel: '{date} 的 {feature}'
  },
  sensitivity: {
    title: '预测的敏感性',
    hint: '当 {date} 的 {feature} 在其训练范围（{min} 至 {max}）内变化时的预测；标记为当前值。{others}',
    original: '其他单元格保持原始窗口的值。',
    edited: '其他单元格保持编辑后窗口的值（{n} 个已编辑单元格）。',
    pick: '聚焦图表中的一个点（或表格中的一个单元格），查看预测如何随它变化。',
    run: '扫描此单元格',
    aria: '{date} 的 {feature} 在训练范围内变化时的预测',
    value: '数值',
    current: '当前值'
  },
  originalNote: {
    title: '原始窗口',
    body: '下方的窗口图及解释结果（热力图、条形图）针对的是编辑前的窗口（{n} 个已编辑单元格）。“假设分析”卡片显示编辑后窗口的预测和逐步归因。',
    go: '查看编辑后的窗口'
  },
  counterfactual: {
    title: '达到目标预测的最小改变',
    hint: '要让预测变为您选择的值，输入最少需要改变多少？所有数值都保持在各输入的训练范围内。',
    target: '目标预测',
    lockFeatures: '保持这些输入不变',
    lockSteps: '保持这些时间步不变（按住 Ctrl/⌘ 点击可多选）',
    lastSteps: '只允许改变最后 k 个时间步（留空：任意时间步）',
    run: '寻找改变',
    cancel: '取消',
    running: '搜索中…',
    reached: '已达到：预测为 {prediction}（目标 {target}）。',
    unreachable: '在训练范围和锁定条件下无法达到目标；找到的最接近的预测为 {prediction}。',
    distance:
      "距离 {distance}（{'|'}改变量{'|'} ÷ 训练范围之和）；{total} 个单元格中改变了 {n} 个。",
    seconds: '{seconds} 秒，{calls} 次模型调用',
    none: '无需改变任何单元格：预测已在目标范围内。',
    step: '日期',
    feature: '输入',
    from: '原值',
    to: '新值',
    apply: '编辑此窗口',
    cancelled: '搜索已取消。'
  },
  scenarios: {
    title: '情景',
    name: '情景名称',
    save: '保存情景',
    saved: '已保存“{name}”。',
    load: '载入',
    delete: '删除',
    empty: '此运行没有已保存的情景。',
    cells: '{n} 个单元格 · 预测 {forecast} | {n} 个单元格 · 预测 {forecast}',
    export: '导出',
    report: '报告',
    window: '测试窗口 {n}'
  }
}
