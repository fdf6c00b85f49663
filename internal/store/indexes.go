package store

// An import into an empty cases table drops the indexes of cases and
// case_panel after its first full batch and builds them again before it
// commits: building an index from sorted rows is much faster than updating
// it row by row. In PostgreSQL it also drops their foreign keys, whose
// row-by-row triggers would dominate COPY, and adds them back, which checks
// all rows in one join. The definitions come from the catalog, so that
// migrations may change indexes and keys freely.

// bulkTables are the tables whose indexes a bulk import rebuilds.
const bulkTables = "'cases', 'case_panel'"

// indexDef is a dropped index or constraint and the statement that
// restores it.
type indexDef struct {
	name, sql string
}

// dropIndexes drops the droppable indexes of bulkTables (not the primary
// keys) and remembers them for restoreIndexes.
func (im *Import) dropIndexes() error {
	q := "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN (" + bulkTables + ") AND sql IS NOT NULL ORDER BY name"
	if im.db.pg() {
		q = `SELECT i.indexname, i.indexdef FROM pg_indexes i
    WHERE i.schemaname = current_schema() AND i.tablename IN (` + bulkTables + `)
    AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.connamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()))
    ORDER BY i.indexname`
	}
	rows, err := im.tx.QueryContext(im.ctx, q)
	if err != nil {
		return err
	}
	var defs []indexDef
	for rows.Next() {
		var d indexDef
		if err := rows.Scan(&d.name, &d.sql); err != nil {
			rows.Close()
			return err
		}
		defs = append(defs, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, d := range defs {
		if _, err := im.tx.ExecContext(im.ctx, "DROP INDEX "+d.name); err != nil {
			return err
		}
		im.dropped = append(im.dropped, d)
	}
	if im.db.pg() {
		return im.dropForeignKeys()
	}
	return nil
}

// dropForeignKeys drops the foreign keys of bulkTables (PostgreSQL).
func (im *Import) dropForeignKeys() error {
	rows, err := im.tx.QueryContext(im.ctx, `SELECT c.conname, c.conrelid::regclass::text, pg_get_constraintdef(c.oid)
    FROM pg_constraint c
    WHERE c.contype = 'f' AND c.conrelid IN ('cases'::regclass, 'case_panel'::regclass)
    ORDER BY c.conname`)
	if err != nil {
		return err
	}
	var drops []string
	for rows.Next() {
		var name, table, def string
		if err := rows.Scan(&name, &table, &def); err != nil {
			rows.Close()
			return err
		}
		drops = append(drops, "ALTER TABLE "+table+" DROP CONSTRAINT "+name)
		im.dropped = append(im.dropped, indexDef{name, "ALTER TABLE " + table + " ADD CONSTRAINT " + name + " " + def})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, q := range drops {
		if _, err := im.tx.ExecContext(im.ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// restoreIndexes builds the indexes dropIndexes dropped.
func (im *Import) restoreIndexes() error {
	if len(im.dropped) > 0 && im.db.pg() {
		// Sort the index keys in memory (the server's default is 64 MB).
		if _, err := im.tx.ExecContext(im.ctx, "SET LOCAL maintenance_work_mem = '256MB'"); err != nil {
			return err
		}
	}
	for len(im.dropped) > 0 {
		d := im.dropped[0]
		if _, err := im.tx.ExecContext(im.ctx, d.sql); err != nil {
			return im.duplicateError(err)
		}
		im.dropped = im.dropped[1:]
	}
	return nil
}
