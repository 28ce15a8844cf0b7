export type ViewName = 'data' | 'train' | 'results' | 'explain' | 'runs'
