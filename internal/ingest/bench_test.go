package ingest

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// benchRows is the size of the synthetic export BenchmarkReadCases reads.
const benchRows = 1_000_000

// writeSyntheticCases writes n rows of a realistic 案件信息表 in UTF-8:
// civil, criminal and enforcement cases, a third of them pending.
func writeSyntheticCases(tb testing.TB, path string, n int) {
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	fmt.Fprintln(w, "案号,承办法院,承办部门,承办人,承办人工号,合议庭成员,立案日期,结案日期,结案方式,案由,适用程序,审限天数,延长审限天数,扣除审限天数,原审案号,是否上诉,开庭次数,诉讼标的额,申请执行标的额,执行到位金额")
	types := []string{"民初", "民终", "刑初", "执", "行初"}
	depts := []string{"民一庭", "民二庭", "刑事审判庭", "执行局", "行政审判庭"}
	methods := []string{"判决", "调解", "撤诉", "维持原判", "终本"}
	for i := 1; i <= n; i++ {
		k := i % len(types)
		filed := fmt.Sprintf("2024-%02d-%02d", i%12+1, i%28+1)
		closed, method, origin := "", "", ""
		if i%3 != 0 {
			closed, method = fmt.Sprintf("2025/%d/%d", i%12+1, i%28+1), methods[k]
		}
		if k == 1 {
			origin = fmt.Sprintf("（2023）京0105民初%d号", i)
		}
		fmt.Fprintf(w, "（2024）京0105%s%d号,北京市朝阳区人民法院,%s,法官%d,%d,法官%d；法官%d,%s,%s,%s,民间借贷纠纷,,,%d,0,%s,,%d,\"%d,%03d.50\",,\n",
			types[k], i, depts[k], i%97, 1000+i%97, i%89, i%83, filed, closed, method, i%7, origin, i%4, i%1000, i%1000)
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkReadCases reads and checks a million-row cases CSV. rows/s is
// what the import promises (well over 100,000 rows/s); rows/cpu-s, rows per
// second of CPU time of the whole process, varies less on a busy machine.
func BenchmarkReadCases(b *testing.B) {
	path := filepath.Join(b.TempDir(), "cases.csv")
	writeSyntheticCases(b, path, benchRows)
	b.ResetTimer()
	total, cpu0 := 0, cpuTime()
	for b.Loop() {
		total += readAll(b, path)
	}
	b.ReportMetric(float64(total)/b.Elapsed().Seconds(), "rows/s")
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(total)/cpu.Seconds(), "rows/cpu-s")
	}
}

// readAll reads every row of a cases file and fails on any problem.
func readAll(b *testing.B, path string) int {
	src, err := Open(path, Cases)
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	n := 0
	for {
		row, err := src.Next()
		if err == io.EOF {
			return n
		} else if err != nil {
			b.Fatal(err)
		}
		if len(row.Problems) > 0 {
			b.Fatalf("synthetic row has problems: %v", row.Problems)
		}
		n++
	}
}
