package web

import (
	"context"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/documents"
	"github.com/zhixiao/zhixiao/internal/store"
)

// DocumentsReady reports whether the monthly bulletins can be written: the
// module has its store and the indicator snapshot is built.
func (s *Server) DocumentsReady() bool {
	return s.mods.documents.db != nil && s.engine.Load() != nil
}

// WriteBulletins writes last month's bulletin (the month before the data's
// day, see today) of every court that has data and no stored bulletin for
// that month, and keeps them in the database (table bulletins), where
// /documents lists them. It returns how many it wrote.
func (s *Server) WriteBulletins(ctx context.Context, actor string) (int, error) {
	if !s.DocumentsReady() {
		return 0, court.Errorf(court.Conflict, "指标数据尚未就绪")
	}
	x, err := s.loadOrg(ctx)
	if err != nil {
		return 0, err
	}
	m := s.lastMonth()
	n := 0
	for _, c := range x.org.Courts {
		if err := ctx.Err(); err != nil {
			return n, err
		}
		done, err := s.mods.documents.db.HasBulletin(ctx, c.ID, monthKey(m))
		if err != nil {
			return n, err
		}
		if done {
			continue
		}
		req := documents.BulletinRequest{CourtID: c.ID, Court: c.Name, Month: m, Today: s.today()}
		docx, xlsx, err := s.produceBulletin(ctx, req, true)
		if court.KindOf(err) == court.NotFound {
			continue // a court without cases
		}
		if err != nil {
			return n, err
		}
		b := store.StoredBulletin{CourtID: c.ID, Month: monthKey(m), DOCX: docx, XLSX: xlsx, CreatedBy: actor, CreatedAt: s.now()}
		if err := s.mods.documents.db.SaveBulletin(ctx, b); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
