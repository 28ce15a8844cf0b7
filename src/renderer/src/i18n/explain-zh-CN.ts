/** Simplified Chinese strings of the Explain view (merged into zh-CN.ts as `explain`). */
import type { explainEn } from './explain-en'

export const explainZhCN: typeof explainEn = {
  title: '解释',
  subtitle: '哪些过去的时间步和特征推动了一次预测，以及这个答案有多可信。',
  none: '请先打开一个已完成的运行：训练一个模型，或在“运行记录”中重新打开。',
  openRuns: '前往运行记录',
  attribution: '归因',
  export: { group: '导出此解释', label: '导出', report: 'HTML 报告' },
  pick: {
    title: '选择一次预测',
    hint: '点击图表上的点，或聚焦图表后使用 ← → Home End；也可按序号或日期选择。',
    aria: '{count} 个测试窗口的预测值与实际值；已选中的被标出。用方向键移动。',
    index: '测试窗口（1–{count}）',
    date: '预测日期',
    target: '预测日期',
    error: '预测 − 实际'
  },
  window: {
    title: '输入窗口与每个时间步的归因',
    hint: '上方：模型看到的输入、预测值和实际值。下方：每个时间步把预测推高（红）或拉低（蓝）了多少。',
    previewHint: '模型为这次预测看到的输入。运行解释后，下方会显示每个时间步的归因。',
    forecast: '预测',
    series: '序列',
    aria: '{series} 在 {steps} 个输入时间步上的取值，以及对 {date} 的预测',
    barsAria: '每个输入时间步的归因，日期与上方序列对齐',
    unavailable: '正在载入输入窗口…',
    whiskers: '误差线为估计值的 ±1.96 个标准误。'
  },
  heatmap: {
    title: '按时间步和特征的归因',
    hint: {
      time: '时间层级：所有特征合为一行。选择“单元格”层级可按特征拆分。',
      feature: '特征层级：每个特征一格，覆盖整个窗口。选择“单元格”层级可按时间步拆分。',
      cell: '每个格子是一个输入值：列为时间步，行为特征。'
    },
    aria: '按时间步和特征的归因热力图；下方的数据表列出了具体数值',
    allFeatures: '全部特征',
    allSteps: '全部时间步',
    lowered: '拉低了预测',
    raised: '推高了预测'
  },
  features: {
    title: '每个特征的归因',
    aria: '每个特征归因的条形图，按大小排序',
    summed: '为各单元格归因在所有时间步上的和。'
  },
  deletion: {
    title: '删除曲线',
    aria: '按重要性依次移除输入时预测的变化，与随机顺序对比',
    deletion: '删除',
    deletionRandom: '删除（随机顺序）',
    insertion: '插入',
    insertionRandom: '插入（随机顺序）',
    removed: '被基线替换的输入比例',
    hint: '可信的解释比随机顺序（虚线，取 {orders} 次平均）更快地改变预测。 | 可信的解释比随机顺序（虚线，取 {orders} 次平均）更快地改变预测。',
    none: '勾选删除曲线检查后运行，可与随机顺序对比。'
  },
  methods: {
    exact: '精确 Shapley 值',
    kernelshap: 'KernelSHAP',
    timeshap: 'TimeSHAP（剪枝）',
    lime: 'LIME',
    occlusion: '遮挡法',
    ig: '积分梯度'
  },
  methodHints: {
    exact: '枚举所有联盟：结果精确，但需要 2^参与者数 次模型调用。',
    kernelshap: '由抽样联盟估计 Shapley 值并给出标准误；参与者少时为精确值。',
    timeshap: '先把无关的早期时间步合并为一个参与者，再运行 KernelSHAP。',
    lime: '在此窗口附近拟合加权线性模型；请检查其 R²。',
    occlusion: '用基线依次替换每个时间步或特征，观察预测的变化。',
    ig: '沿从基线到输入的路径累积梯度。'
  },
  levels: { time: '时间', feature: '特征', cell: '单元格' },
  baselines: {
    mean: '均值窗口',
    median: '中位数窗口',
    zeros: '全零',
    last: '重复最后一个值',
    background: '训练窗口（平均）'
  },
  settings: {
    quantity: '解释对象',
    quantityChange: '预测的变化量',
    quantityForecast: '完整预测值',
    quantityHint:
      '该模型学习的是相对最后一个值的变化。完整预测值会加上最后一个值，它因此占据大部分归因。',
    title: '解释设置',
    method: '方法',
    level: '层级',
    baseline: '基线',
    backgroundSize: '背景窗口数',
    samplesKernel: '联盟数',
    samplesLime: '样本数',
    samplesIg: '路径步数',
    auto: '自动',
    seed: '随机种子',
    checks: '检查',
    deletion: '可信度检查：删除曲线、与精确值一致、不同种子间的波动',
    randomisation: '随机权重合理性检查',
    calls: '{calls} 次模型调用 | {calls} 次模型调用',
    callsAtMost: '最多 {calls} 次模型调用',
    values: {
      exact: '精确 Shapley 值',
      sampled: '抽样估计的 Shapley 值',
      approximate: '近似归因'
    },
    players: '{count} 个参与者 | {count} 个参与者',
    planning: '正在计算模型调用次数…',
    exactTooMany:
      '精确 Shapley 值最多支持 {limit} 个参与者，此层级有 {players} 个。请改用 KernelSHAP 或更粗的层级。',
    expensive: '此解释需要 {calls} 次模型调用，可能需要一段时间。',
    running: '正在解释…',
    cancelling: '正在取消…',
    progress: '{done} / {total}',
    run: '解释这次预测',
    cancel: '取消',
    cancelled: '已取消，未保存任何内容。'
  },
  trust: {
    title: '这个解释可信吗？',
    allPass: '全部检查通过',
    noneRan: '未运行任何检查',
    construction: '由构造保证',
    failures: '{count} 项检查未通过 | {count} 项检查未通过',
    fx: 'f(x)：预测值',
    fxChange: 'f(x)：预测的变化量',
    fb: 'f(基线)',
    sum: 'Σφ',
    gap: '可加性差距',
    identity: '各归因之和应等于 f(x) − f(基线)。',
    additivity: {
      name: '可加性',
      pass: '归因之和与预测的变化一致（相差 {value}）。',
      fail: '归因之和与预测的变化不一致：相差其 {value}。',
      construction:
        '由构造保证：此方法把剩余部分全部分给最后一个输入，因此总和不会有偏差。它不能作为任何证据。',
      skipped: ''
    },
    exact: {
      name: '与精确值一致',
      pass: '与精确 Shapley 值接近：最大差异为最大值的 {value}。',
      fail: '与精确 Shapley 值相差较大：最大差异为最大值的 {value}。请增加联盟数。',
      construction: '已评估所有联盟：这些就是精确的 Shapley 值。',
      skipped: '未运行：需要开启可信度检查，且输入不超过 {limit} 个。'
    },
    seeds: {
      name: '不同随机种子间的波动',
      pass: '换用其他随机种子重算，波动为所报告标准误的 {value} 倍：误差条是可信的。',
      fail: '换用其他随机种子重算，波动为所报告标准误的 {value} 倍：误差条过窄。',
      construction: '',
      skipped: '未运行：需要开启可信度检查。'
    },
    lime: {
      name: 'LIME 拟合',
      pass: '局部线性模型很好地解释了预测（R² {value}）。',
      fail: '局部线性模型拟合较差（R² {value} < 0.5）：请谨慎解读这些归因。',
      construction: '',
      skipped: '未报告拟合结果。'
    },
    deletion: {
      name: '删除曲线对比随机顺序',
      pass: '移除排名靠前的输入比随机顺序更快地改变预测（面积 {value}）。',
      fail: '不比随机顺序好（面积 {value}）：这个排序没有找出真正重要的输入。',
      construction: '',
      skipped: '未运行。'
    },
    randomisation: {
      name: '随机权重',
      pass: '权重随机化后解释随之改变（ρ {value}），符合预期。',
      fail: '可疑：权重随机化后解释几乎不变（ρ {value}）。它可能反映的是输入本身，而不是模型学到的东西。',
      construction: '',
      skipped: '未运行。'
    },
    runChecks: '带可信度检查重新运行',
    runRandomisation: '运行合理性检查',
    stderr: '标准误',
    stderrValue: '平均 {mean}，最大 {max}',
    stderrExact: '无：精确值',
    noStderr: '此方法不估计标准误',
    limeR2: 'LIME R²',
    igGap: '完备性差距',
    pruned: '剪枝位置（时间步）',
    calls: '开销',
    callsValue: '{calls} 次调用，用时 {seconds} 秒',
    baseline: '基线'
  },
  table: {
    summary: '数据表：{total} 个归因中最大的 {shown} 个',
    caption: '归因，按绝对值从大到小',
    time: '日期',
    feature: '特征',
    value: '数值',
    attribution: '归因',
    interval: '± {z} 标准误',
    showAll: '显示全部 {total} 个'
  },
  compare: {
    title: '比较',
    hint: '用另一种方式解释同一次预测，看看排名是否一致。',
    method: '另一种方法',
    otherSeed: '同一方法，另一个种子',
    past: '或选择这次预测的历史解释',
    run: '运行',
    seed: '种子 {seed}',
    levels: '这两个解释所在的层级无法比较（时间与特征）。',
    spearman: '秩相关 ρ',
    spearmanAbs: "{'|'}φ{'|'} 的 ρ",
    overlap: '前 5 名重合',
    verdict: '一致程度',
    strong: '强',
    moderate: '中等',
    weak: '弱',
    undefined: '无定义',
    none: '运行第二种方法或另一个种子以进行比较。'
  },
  history: {
    title: '历史解释',
    report: '勾选后生成报告 | 生成 1 个的报告 | 生成 {count} 个的报告',
    empty: '此运行的解释会列在这里。',
    select: '选择',
    forecast: '预测日期',
    method: '方法',
    checks: '检查',
    open: '打开',
    selectOne: '将 {date} 的解释加入报告',
    openOne: '打开 {date} 的 {method} 解释',
    number: '窗口 {n} · 索引 {index}',
    indexHint: '这里的测试窗口从 1 开始计数；JSON 导出、命令行（--index）和文件名从 0 开始。'
  },
  global: {
    title: '模型会往回看多远？',
    hint: "在多个测试窗口上按滞后步数平均的 {'|'}归因{'|'}，使用上方的方法、基线和种子。",
    windows: '测试窗口数（共 {max} 个）',
    run: '计算按滞后的重要性',
    running: '正在计算按滞后的重要性',
    aria: '在 {windows} 个测试窗口上按滞后步数平均的绝对归因条形图',
    importance: "平均 {'|'}φ{'|'}",
    lag: '{lag}',
    axis: '预测之前的步数',
    reach:
      '80% 的重要性集中在最近 1 步（共 {total} 步）。 | 80% 的重要性集中在最近 {steps} 步（共 {total} 步）。',
    meta: '{windows} 个窗口 · {calls} 次模型调用 · {seconds} 秒',
    past: '已保存的结果（{count}） | 已保存的结果（{count}）',
    pastWindows: '{windows} 个窗口'
  }
}
