package store_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/store/storetest"
)

// benchRows is the number of cases per benchmark iteration: -benchtime 10x
// imports 1,000,000 cases in one run.
const benchRows = 100_000

// synth fills c with the i-th case of a synthetic city: 12 courts, 8
// departments and 40 judges each, a third of the cases on a panel, most of
// them closed.
type synth struct {
	courts  [12]string
	depts   [8]string
	judges  [40]string
	causes  [6]string
	panel   [2]string
	typeSet [4]string
}

func newSynth() *synth {
	s := &synth{
		depts:   [8]string{"立案庭", "民一庭", "民二庭", "民三庭", "刑事审判庭", "行政审判庭", "执行局", "审判管理办公室"},
		causes:  [6]string{"民间借贷纠纷", "买卖合同纠纷", "离婚纠纷", "盗窃罪", "机动车交通事故责任纠纷", "劳动争议"},
		typeSet: [4]string{"民初", "民终", "执", "刑初"},
	}
	for i := range s.courts {
		s.courts[i] = fmt.Sprintf("示例市第%d区人民法院", i+1)
	}
	for i := range s.judges {
		s.judges[i] = fmt.Sprintf("法官%02d", i)
	}
	return s
}

func (s *synth) fill(c *court.Case, i int) {
	ct := i % len(s.courts)
	tc := s.typeSet[i/len(s.courts)%len(s.typeSet)]
	tcode, _ := court.LookupTypeCode(tc)
	filed := court.DateOf(2021, 1, 1) + court.Date(i%1400)
	*c = court.Case{
		No: court.CaseNo{Year: filed.Time().Year(), CourtCode: "示" + strconv.Itoa(101+ct), TypeCode: tc,
			Seq: i + 1, Kind: tcode.Kind, Level: tcode.Level},
		Court: s.courts[ct], Department: s.depts[i/7%len(s.depts)], Judge: s.judges[i/3%len(s.judges)],
		FiledOn: filed, Cause: s.causes[i%len(s.causes)], Track: court.TrackSimple,
		LimitDays: court.DefaultLimitDays(tcode.Kind, tcode.Level, court.TrackSimple), Hearings: i % 3,
		ClaimAmount: court.Money(i%1000) * 100_00, ExecAmount: court.NoMoney, ExecRecovered: court.NoMoney,
		EfileOn: filed + 2, EfileReads: i % 5,
	}
	if i%5 != 0 {
		c.ClosedOn, c.CloseMethod = filed+court.Date(20+i%200), court.CloseJudgment
	}
	if i%3 == 0 {
		s.panel[0], s.panel[1] = s.judges[(i/3+1)%len(s.judges)], s.judges[(i/3+2)%len(s.judges)]
		c.Panel = s.panel[:]
	}
}

// importSynthetic imports n synthetic cases in one run.
func importSynthetic(b testing.TB, db *store.DB, n int) store.Counts {
	im, err := db.BeginImport(context.Background(), store.ImportMeta{Kind: "cases", FileName: "bench.csv", SHA256: "0", Actor: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	s := newSynth()
	var c court.Case
	for i := range n {
		s.fill(&c, i)
		if err := im.AddCase(&c); err != nil {
			im.Rollback()
			b.Fatalf("case %d: %v", i, err)
		}
	}
	counts, err := im.Commit(0)
	if err != nil {
		b.Fatal(err)
	}
	return counts
}

// BenchmarkImportCases imports b.N x 100,000 synthetic cases into an empty
// database in one import run, as `zhixiao import cases` does after parsing.
func BenchmarkImportCases(b *testing.B) {
	for _, dialect := range []string{store.DialectSQLite, store.DialectPostgres} {
		b.Run(dialect, func(b *testing.B) {
			db := benchDB(b, dialect)
			n := b.N * benchRows
			b.ResetTimer()
			start, cpu := time.Now(), cpuTime()
			counts := importSynthetic(b, db, n)
			elapsed := time.Since(start)
			b.StopTimer()
			if counts.Inserted != n {
				b.Fatalf("counts = %+v, want %d inserted", counts, n)
			}
			b.ReportMetric(float64(n)/elapsed.Seconds(), "rows/s")
			b.ReportMetric((cpuTime() - cpu).Seconds(), "cpu-s")
			b.ReportMetric(float64(n), "rows")
			b.ReportMetric(peakRSS(), "peak-MiB")
		})
	}
}

// BenchmarkReimportCases imports the same b.N x 100,000 cases a second time:
// every one is looked up and found unchanged.
func BenchmarkReimportCases(b *testing.B) {
	for _, dialect := range []string{store.DialectSQLite, store.DialectPostgres} {
		b.Run(dialect, func(b *testing.B) {
			db := benchDB(b, dialect)
			n := b.N * benchRows
			importSynthetic(b, db, n)
			b.ResetTimer()
			start := time.Now()
			counts := importSynthetic(b, db, n)
			elapsed := time.Since(start)
			b.StopTimer()
			if counts.Unchanged != n {
				b.Fatalf("counts = %+v, want %d unchanged", counts, n)
			}
			b.ReportMetric(float64(n)/elapsed.Seconds(), "rows/s")
		})
	}
}

// BenchmarkScanCases reads b.N x 100,000 cases, as the indicator engine does
// at start-up.
func BenchmarkScanCases(b *testing.B) {
	for _, dialect := range []string{store.DialectSQLite, store.DialectPostgres} {
		b.Run(dialect, func(b *testing.B) {
			db := benchDB(b, dialect)
			n := b.N * benchRows
			importSynthetic(b, db, n)
			b.ResetTimer()
			start, cpu := time.Now(), cpuTime()
			seen := 0
			err := db.ScanCases(context.Background(), func(c *court.Case) error {
				seen++
				return nil
			})
			elapsed := time.Since(start)
			b.StopTimer()
			if err != nil || seen != n {
				b.Fatalf("scan: %d cases, %v; want %d", seen, err, n)
			}
			b.ReportMetric(float64(n)/elapsed.Seconds(), "cases/s")
			b.ReportMetric((cpuTime() - cpu).Seconds(), "cpu-s")
		})
	}
}

// benchDB is a fresh database; the benchmark is skipped without PostgreSQL.
func benchDB(b *testing.B, dialect string) *store.DB {
	b.Helper()
	dsn := b.TempDir() + "/bench.db"
	if dialect == store.DialectPostgres {
		var ok bool
		if dsn, ok = storetest.PostgresDSN(b); !ok {
			b.Skip("PostgreSQL 不可达")
		}
	}
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

// cpuTime is the CPU time (user and system) the process has used; on a
// busy machine it measures the store's own work better than the clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// peakRSS is the process's peak resident set (VmHWM) in MiB, 0 when unknown.
func peakRSS() float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range bytes.Lines(data) {
		if rest, ok := bytes.CutPrefix(line, []byte("VmHWM:")); ok {
			kb, _ := strconv.Atoi(string(bytes.TrimSuffix(bytes.TrimSpace(rest), []byte(" kB"))))
			return float64(kb) / 1024
		}
	}
	return 0
}
