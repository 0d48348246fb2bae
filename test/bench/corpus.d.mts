export declare const questionsPerFile: number
export declare function fileText(index: number, count?: number): string
export declare function writeCorpus(folder: string, files: number, perFile?: number): Promise<number>
export declare function corpusFiles(folder: string): Promise<string[]>
