import type { dataEn } from './data-en'

/** 数据视图的探索部分：读取设置、统计、自相关与建议。 */
export const dataZhCN: typeof dataEn = {
  import: {
    title: '文件的读取方式',
    hint: '根据文件自动检测；可修改任一项后重新读取。',
    delimiter: '分隔符',
    decimal: '小数点',
    header: '表头行',
    headerNone: '无（列按序号命名）',
    headerLine: '第 {line} 行',
    encoding: '编码',
    dateFormat: '日期格式',
    dateAuto: '自动检测',
    timeZone: '未注明时区的时间所用时区',
    zoned: '时间自带时区',
    apply: '重新读取',
    reading: '正在读取…',
    preview: '读取结果的前几行',
    comma: '逗号（,）',
    semicolon: '分号（;）',
    tab: '制表符',
    pipe: '竖线（|）',
    dot: '点（1.5）',
    decimalComma: '逗号（1,5）',
    utf8: 'UTF-8',
    utf8Bom: 'UTF-8（带 BOM）',
    latin1: 'Latin-1（Windows-1252）',
    formats: {
      iso: 'ISO（2021-01-31）',
      dmy: '日在前（31/01/2021）',
      mdy: '月在前（01/31/2021）',
      'unix-s': 'Unix 秒',
      'unix-ms': 'Unix 毫秒',
      year: '年份（2021）'
    },
    ambiguous: '日在前和月在前都能读通；已选用间隔更规则的读法。',
    sortOffer: '按时间排序',
    keepLast: '同一时间保留最后一行',
    average: '同一时间的行取平均',
    readProgress: '正在读取 {name}：{pct}',
    cancelOpen: '取消'
  },
  stats: {
    std: '标准差',
    count: '个数',
    histogram: '分布',
    histogramAria: '{column} 的直方图：{bins} 个区间，从 {min} 到 {max}'
  },
  acf: {
    title: '{column} 的自相关',
    changes: '（对其变化量计算：水平有趋势）',
    aria: '{column} 在滞后 1 到 {lags} 的自相关，95% 区间为 ±{band}',
    band: '白噪声的 95% 区间',
    lag: '滞后',
    none: '数值太少，无法计算自相关。'
  },
  suggest: {
    title: '建议的设置',
    season: '季节长度：{steps}',
    window: '窗口：{steps} 步',
    change: '学习变化量：水平有趋势',
    level: '学习数值本身：未发现趋势',
    use: '采用',
    used: '已采用',
    none: '此列没有建议。'
  },
  policies: {
    title: '各缺失值策略保留的窗口数',
    caption: '{columns} 上长度 {window} 步（+{horizon}）的窗口',
    policy: '策略',
    train: '训练',
    validation: '验证',
    test: '测试',
    skipped: '跳过',
    keeps: '保留 {train} 个训练 · {validation} 个验证 · {test} 个测试窗口',
    chosen: '已选'
  },
  steps: {
    title: '时间步长',
    ms: '每 {value}',
    month: '每 {value} 个月',
    businessDay: '每个工作日（跳过周末）',
    none: '按行号',
    breaks: '间隔中断于：{list}',
    days: '{n} 天',
    hours: '{n} 小时',
    minutes: '{n} 分钟',
    seconds: '{n} 秒'
  }
}
