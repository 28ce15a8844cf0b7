/**
 * Simplified Chinese for coded messages: the renderer's own, the engine's and
 * the services'. `{name}` is a value the message carries (its params, or an
 * error's file, row and column); a message lacking one is shown in English.
 */
export const codesZhCN = {
  // The renderer's own
  'invalid-settings': '请先修正标出的设置。',
  'no-dataset': '请先打开数据集。',
  'too-large': '{file} 有 {megabytes} MB；浏览器模式最多接受 {limit} MB。请改用桌面应用打开。',
  disconnected: '与 Hindsight 的连接已断开。`npm run serve` 是否仍在运行？',
  forbidden: '请求被拒绝：它不是来自 Hindsight 窗口。',
  // Reading a file
  'file-not-found': '{file}：找不到文件。',
  'empty-file': '{file} 是空文件。',
  'no-rows': '{file} 只有表头，没有数据行。',
  'bad-header': '{file} 第 1 行：列“{column}”出现了两次。',
  'no-numeric-column': '{file} 没有数值列：除时间外的每一列都是文本。',
  'unknown-column': '{file} 没有列“{column}”。',
  'non-numeric': '{file}，列“{column}”不是数值列。',
  'unknown-dataset': '该数据集已不再打开；请重新打开它。',
  unsupported: '在浏览器模式下，请通过上传来打开文件。',
  // Preparing windows and training
  'too-few-rows':
    '{file} 只有 {rows} 行，少于窗口（{window}）+ 预测步长（{horizon}）。请缩短窗口或步长。',
  'no-training-windows':
    '没有完整的训练窗口：{file} 的前 {trainPct}% 中没有一段连续 {span} 行、且 {columns} 无缺失的数据。请缩短窗口，或填补缺失（向前填充 / 插值）。',
  'no-test-windows': '{file} 的最后 {testPct}% 中没有完整的测试窗口。请增大测试比例或缩短窗口。',
  'non-finite-loss':
    '训练已停止：第 {epoch} 轮第 {batch} 批的损失变为 {loss}。学习率（{learningRate}）对这些数据可能过高；试试降低 10 倍，或检查数据中是否有极端值。',
  busy: '已有任务在运行；请取消它或等待它完成。',
  'cancelled-before-epoch': '在第一轮结束前已取消。',
  'cancelled-after-epochs': '在 {epochs} 轮后取消；已评估并保存该轮时的模型。',
  'stopped-early': '在 {epochs} 轮后提前停止；已恢复第 {bestEpoch} 轮的权重。',
  'stopped-early-last': '在 {epochs} 轮后提前停止；保留最后一轮的权重。',
  'stopped-early-train-loss':
    '在 {epochs} 轮后提前停止（没有验证部分：它观察的是训练损失）；已恢复第 {bestEpoch} 轮的权重。',
  'stopped-early-last-train-loss':
    '在 {epochs} 轮后提前停止（没有验证部分：它观察的是训练损失）；保留最后一轮的权重。',
  'resumed-from-checkpoint': '从第 {checkpointEpoch} 轮的检查点继续；训练到第 {epochs} 轮。',
  'best-weights-used': '训练在 {epochs} 轮后停止；直接使用最佳权重（第 {bestEpoch} 轮）。',
  // Runs that last: checkpoints, damage, storage and locks
  'not-resumable': '该运行无法继续：它仍在训练，或已经完成。',
  'no-checkpoint': '该运行没有检查点：它在第一轮结束前就停止了，或由不支持检查点的版本训练。',
  'damaged-run': '{file} 已损坏，无法读取。',
  'run-busy': '{file} 正由另一个 Hindsight 进程训练；请等待它结束，或在那里取消。',
  'disk-full': '无法保存 {file}：磁盘已满或超出配额。已保存的内容未被改动；请释放空间后重试。',
  'read-only':
    '无法保存 {file}：工作区位于只读文件系统上。已保存的内容未被改动；请选择可写的工作区。',
  'no-permission': '无法保存 {file}：没有写入权限。已保存的内容未被改动；请选择可写的工作区。',
  'workspace-locked':
    '工作区正被另一个 Hindsight 使用（锁文件 {file}）。请先关闭它，或把 HINDSIGHT_WORKSPACE 设为另一个文件夹。',
  // Run archives
  'bad-archive': '该运行归档无法读取或未完整送达；未导入任何内容。',
  'archive-unsafe': '该归档含有不属于 Hindsight 运行的文件；未导入任何内容。',
  'not-a-run': '运行文件夹中的这一项不是运行文件夹。',
  // What-if and counterfactuals
  'unknown-feature': '没有输入列“{column}”：该运行的输入是 {inputs}。',
  'bad-step': '第 {step} 步不在窗口内：步号从 0（最早）到 {last}（最近）。',
  'unknown-scenario': '此运行中没有情景 {id}。',
  // Runs and the engine
  'bad-run-id': '不是有效的运行 ID：{runId}',
  'unknown-run': '找不到运行 {runId}，或无法读取它。',
  'run-not-trained': '运行 {runId} 没有训练好的模型（状态：{status}）。',
  'dataset-changed': '{file} 在训练之后发生了变化：其训练部分已不一致。请重新训练后再解释。',
  'gap-in-latest-window':
    '{file} 的最后 {steps} 行在“{column}”的 {time} 处有缺失；请填补（向前填充或插值）或缩短窗口。',
  'bad-index': '测试窗口 {index} 不存在：此运行有 {count} 个测试窗口（0–{last}）。',
  'engine-crashed': '引擎进程意外停止（{how}）。已保存的工作都保留了；下一个请求会启动新的引擎。',
  'engine-down': '引擎没有运行。',
  disposed: '应用正在关闭。',
  // Explanations and exports
  'no-such-chart': '这个解释没有该图表。',
  'unknown-explanation': '找不到解释 {id}。',
  'empty-export': '请至少选择一个解释来导出。',
  'empty-report': '请至少选择一个解释放入报告。',
  'one-explanation': '.{format} 导出只能包含一个解释；多个解释请用 HTML。',
  'bad-export-format': '无法写入“{file}”：请使用以 .json、.csv、.png 或 .html 结尾的文件名。',
  'not-a-change-model': '该模型没有学习变化量，因此无法单独解释预测的变化。',
  // Backends and recurrent kernels (why each one runs or not)
  'backend-loaded': '已加载',
  'backend-forced': '由 HINDSIGHT_BACKEND 选定',
  'backend-not-needed': '无需尝试：{chosen} 已先加载',
  'backend-not-tried': '未尝试：HINDSIGHT_BACKEND={forced}',
  'backend-module-missing': '模块未安装（{pkg} 是可选依赖；安装时需要联网下载 libtensorflow）',
  'backend-library-missing': '找不到 {lib}（{detail}）',
  'kernels-env-stock': 'HINDSIGHT_KERNELS=stock：使用 tfjs 自带的 LSTM/GRU 层。',
  'kernels-env-fused':
    'HINDSIGHT_KERNELS=fused：在 {backend} 后端上使用融合的 WebAssembly LSTM/GRU 内核。',
  'kernels-native': 'tfjs 自带的 LSTM/GRU 层：tfjs-node 在 libtensorflow 中原生运行这些层。',
  'kernels-not-replaced':
    'tfjs 自带的 LSTM/GRU 层：融合内核只替代 wasm 和 cpu 后端，不替代 {backend}。',
  'kernels-fused':
    '融合的 WebAssembly SIMD LSTM/GRU 内核：{backend} 后端会把每个时间步拆成约 20 个小运算。',
  'kernels-start-failed': 'tfjs 自带的层：融合内核未能启动（{why}）。',
  'kernels-chosen-stock': 'tfjs 自带的 LSTM/GRU 层：在模型设置中选择。',
  'kernels-chosen-fused': '融合的 WebAssembly LSTM/GRU 内核：在模型设置中选择。'
} as const
