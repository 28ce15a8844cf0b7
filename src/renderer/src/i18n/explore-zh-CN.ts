/** 数据视图的行表、序列缩放和分块上传的简体中文（issue 16）。 */
export const exploreZhCN = {
  upload: {
    progress: '正在上传 {name}：{pct}'
  },
  table: {
    title: '数据行',
    row: '行',
    goTo: '跳到行',
    go: '跳转',
    range: '第 {from}–{to} 行，共 {rows} 行',
    aria: '{name} 的数据行：共 {rows} 行。方向键、Page Up、Page Down、Home 和 End 可滚动。',
    missing: '缺失'
  },
  zoom: {
    zoomIn: '放大',
    zoomOut: '缩小',
    reset: '重置缩放',
    hint: '滚轮或双指缩放，拖动平移；按键：+ − ← → 0'
  }
}
