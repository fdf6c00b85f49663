package store

// SetScanChunk makes ScanCases read n ids at a time, so that a test covers
// several chunks and workers with few cases.
func SetScanChunk(db *DB, n int64) { db.scanChunk = n }
