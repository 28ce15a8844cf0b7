import type { CodeTable } from './messages'

/** Simplified Chinese for the chunked upload's codes (src/core/services/uploads.ts). */
export const exploreCodesZhCN: CodeTable = {
  'upload-order':
    '{file}：上传的一部分顺序错乱（在第 {offset} 字节，应为第 {expected} 字节）。请重新选择文件。',
  'upload-size': '{file}：收到的数据与声明的 {size} 字节不符。请重新选择文件。',
  'upload-unknown': '该上传已取消或已过期；请重新选择文件。'
}
