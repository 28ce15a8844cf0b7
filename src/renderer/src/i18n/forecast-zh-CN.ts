import type { ForecastMessages } from './forecast-en'

/** 多步预测、预测区间以及与朴素预测的比较（在 i18n/index.ts 中合并为 `forecast`）。 */
export const forecastZhCN: ForecastMessages = {
  settings: {
    title: '预测',
    multiStep: '多步：预测直到预测步长的每一步',
    multiStepHint: '每一步（1…H）一个输出，因此能看到未来的完整路径，而不只是一个点。',
    targetMode: '模型学习',
    auto: '根据数据决定（自动）',
    level: '数值本身',
    change: '相对最后一个值的变化',
    autoHint:
      '自动模式在训练前对训练部分做趋势检验（KPSS）：序列有趋势时选择“变化”，否则选择“数值”。',
    levelHint: '拟合数值本身：适合没有趋势的序列。',
    changeHint: '拟合相对最后一个值的变化：模型无法预测训练中从未见过的水平。',
    intervals: '预测区间',
    intervalsHint: '用验证误差校准（分割共形）。两个水平，即区间应覆盖的测试实际值的百分比。',
    intervalInner: '内层水平 %',
    intervalOuter: '外层水平 %',
    intervalsOrder: '外层水平必须大于内层水平。',
    earlyStoppingOn: '早停已开启：训练保留验证损失最低的那一轮。',
    earlyStoppingOff: '早停已关闭：保留最后一轮，即使它已过拟合。'
  },
  policies: {
    multiStep: '按多步模型计数（训练视图中的设置）：每个窗口需要第 1–{h} 步的全部实际值。'
  },
  summary: {
    kind: '预测',
    multi: '第 1–{h} 步的每一步',
    single: '仅第 {h} 步',
    intervals: '区间水平',
    none: '无',
    atHorizon: '以上为第 {h} 步（预测步长）的指标；每一步的误差见下方“各步误差”。'
  },
  compare: {
    multi: '直到预测步长的每一步',
    single: '仅预测步长那一步'
  },
  mode: {
    title: '模型学习的内容',
    level: '数值本身',
    change: '相对最后一个值的变化',
    learned: '模型学习的是{mode}。',
    asSet: '模型学习的是{mode}（按设置）。'
  },
  byStep: {
    title: '各步误差',
    subtitle: '每一步的测试 RMSE：越低越好。',
    step: '步',
    rmse: 'RMSE',
    mase: 'MASE（模型）',
    aria: '{count} 步中每一步的测试 RMSE 柱状图：模型、朴素预测和季节性朴素预测',
    numbers: '具体数值',
    modelRmse: '模型 RMSE',
    naiveRmse: '朴素 RMSE',
    seasonalRmse: '季节性朴素 RMSE',
    modelMase: '模型 MASE'
  },
  path: {
    title: '从一个测试起点出发的预测路径',
    subtitle: '从一个起点预测第 1 到第 {horizon} 步，与实际值对比，并带有预测区间。',
    origin: '起点（测试窗口）',
    originValue: '第 {index} 个窗口，共 {count} 个：预测时间点 {time}',
    actual: '实际值',
    path: '预测路径',
    interval: '{level} 区间',
    aria: '从 {time} 起 {steps} 步的预测路径折线图，带预测区间和实际值'
  },
  coverage: {
    title: '测试集上的区间覆盖率',
    line: '{level} 区间：{coverage} 的测试实际值落在区间内（名义 {level}）',
    note: '在验证部分校准；覆盖率接近名义水平说明区间可信。'
  },
  ahead: {
    title: '数据末尾之后的预测',
    subtitle: '从数据的最后一个窗口出发，预测直到预测步长的每一步。',
    load: '预测数据末尾之后',
    loading: '正在预测…',
    from: '从截至 {time} 的窗口出发',
    aria: '数据末尾之后 {steps} 步的预测折线图，带预测区间',
    step: '步',
    time: '时间',
    value: '预测',
    interval: '{level} 区间'
  },
  loses: {
    title: '模型并不比朴素预测好',
    testOverall:
      '在测试集的预测步长处（第 {step} 步），{baseline}的 RMSE（{theirs}）低于模型（{mine}）。',
    validationOverall:
      '在验证集的预测步长处（第 {step} 步），{baseline}的 RMSE（{theirs}）低于模型（{mine}）。',
    steps: '在第 {steps} 步，{baseline}在测试集上优于模型。',
    next: '可以试试：',
    switchMode: '改为学习{mode}',
    useSuggested: '使用建议的{what}',
    suggestedWindow: '窗口 {steps}',
    suggestedSeason: '季节长度 {lag}',
    suggestedUsed: '这次运行已经使用了数据建议的设置：{what}。',
    longer: '训练更久（{epochs} 轮，开启早停）',
    note: '每一项都会把这次运行的设置（已修改）放入训练表单：检查后再开始。'
  },
  baseline: {
    naive: '朴素预测',
    seasonalNaive: '季节性朴素预测'
  },
  explain: {
    step: '要解释的步',
    stepHint: '路径中的哪一步（1 = 下一步，{horizon} = 预测步长）。',
    stepValue: '第 {step} 步，共 {horizon} 步',
    explained: '当前显示的解释针对第 {step} 步（共 {horizon} 步）。'
  }
}
