export { createReportLibrary, REPORT_ID, type LibraryOptions, type ReportLibrary } from './library';
export { isTempFile, removeQuietly, renameWithRetry, writeFileAtomic, type AtomicWriteOptions } from './atomic';
export { byWriteOrder, compareWriteOrder, HOUR_MS, localDay, versionIdAt, versionOrder, versionsToPrune, versionTime, type ThinningPolicy } from './history';
export { describeFsError, fileStamp, formatWhen } from './messages';
export { createMemoryFileSystem, type FsOperation, type MemoryFileSystem, type MemoryFsOptions } from './memoryFs';
export { errorCode, isNotFound, randomId, systemClock, type Clock, type FileInfo, type FileSystem } from './ports';
