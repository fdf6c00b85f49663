package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/petitions"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/store/storetest"
)

// petitionBench opens a database of the dialect with the fixture court and
// n requests received over 2026, and returns it with the tracking codes.
func petitionBench(b *testing.B, dialect string, n int) (*store.DB, map[string]int64, []string) {
	b.Helper()
	db := storetest.Open(b, dialect)
	ids := petitionFixtureTB(b, db)
	codes := make([]string, n)
	e := auth.AuditEntry{At: petitionT0, Actor: "bench"}
	for i := range codes {
		codes[i] = petitions.NewCode()
		p := petitionComplaint(ids, court.DateOf(2026, 1, 1)+court.Date(i*330/max(n, 1)))
		if err := db.CreatePetition(context.Background(), p, petitions.HashCode(codes[i]), petitions.HashSurveyCode(codes[i]), e); err != nil {
			b.Fatal(err)
		}
	}
	return db, ids, codes
}

// BenchmarkPetitionIntake is one request recorded at the window (its row,
// staff, first event and audit entry in one transaction), on SQLite.
func BenchmarkPetitionIntake(b *testing.B) {
	for _, dialect := range []string{store.DialectSQLite, store.DialectPostgres} {
		b.Run(dialect, func(b *testing.B) {
			db, ids, _ := petitionBench(b, dialect, 0)
			e := auth.AuditEntry{At: petitionT0, Actor: "bench"}
			for b.Loop() {
				c := petitions.NewCode()
				p := petitionComplaint(ids, court.DateOf(2026, 11, 2))
				if err := db.CreatePetition(context.Background(), p, petitions.HashCode(c), petitions.HashSurveyCode(c), e); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkPetitionTrack is one citizen's lookup by tracking code among
// 5,000 requests.
func BenchmarkPetitionTrack(b *testing.B) {
	db, _, codes := petitionBench(b, store.DialectSQLite, 5000)
	i := 0
	for b.Loop() {
		if _, _, err := db.PetitionByTracking(context.Background(), petitions.HashCode(codes[i%len(codes)])); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkPetitionBulletinStore is the monthly bulletin read from 5,000
// stored requests.
func BenchmarkPetitionBulletinStore(b *testing.B) {
	db, ids, _ := petitionBench(b, store.DialectSQLite, 5000)
	nov := court.Period{From: court.DateOf(2026, 11, 1), To: court.DateOf(2026, 11, 30)}
	for b.Loop() {
		if _, _, err := db.PetitionBulletin(context.Background(), ids["示例市中级人民法院"], nov); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPetitionEscalate is the escalation job over 5,000 requests
// already escalated as far as they go (the usual run: nothing to raise).
func BenchmarkPetitionEscalate(b *testing.B) {
	db, _, _ := petitionBench(b, store.DialectSQLite, 5000)
	if _, err := db.EscalatePetitions(context.Background(), court.DateOf(2026, 11, 2), time.Now()); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := db.EscalatePetitions(context.Background(), court.DateOf(2026, 11, 2), time.Now()); err != nil {
			b.Fatal(err)
		}
	}
}
