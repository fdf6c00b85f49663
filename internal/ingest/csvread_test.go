package ingest

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// scanned is one record as the CSV reader delivers it.
type scanned struct {
	Line   int
	Cells  []string
	Width  int
	Issues []string
}

func scanAll(t *testing.T, content string) []scanned {
	t.Helper()
	path := filepath.Join(t.TempDir(), "x.csv")
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	r := &csvReader{f: f, sc: newCSVScanner(f), dec: newTextDecoder(EncodingUTF8)}
	defer r.close()
	var out []scanned
	for {
		var rec record
		if err := r.next(&rec); err == io.EOF {
			return out
		} else if err != nil {
			t.Fatal(err)
		}
		s := scanned{Line: rec.line, Cells: rec.cells, Width: rec.width}
		for _, is := range rec.issues {
			s.Issues = append(s.Issues, strings.SplitN(is.reason, "：", 2)[0])
		}
		out = append(out, s)
	}
}

func TestCSVScanner(t *testing.T) {
	tests := []struct {
		name, in string
		want     []scanned
	}{
		{"lf", "a,b\nc,d\n", []scanned{{1, []string{"a", "b"}, 2, nil}, {2, []string{"c", "d"}, 2, nil}}},
		{"crlf and no final newline", "a,b\r\nc,d", []scanned{{1, []string{"a", "b"}, 2, nil}, {2, []string{"c", "d"}, 2, nil}}},
		{"blank lines count", "a\n\n\r\nb\n", []scanned{{1, []string{"a"}, 1, nil}, {2, []string{""}, 1, nil}, {3, []string{""}, 1, nil}, {4, []string{"b"}, 1, nil}}},
		{"trailing comma", "a,\n", []scanned{{1, []string{"a", ""}, 2, nil}}},
		{"quoted comma and quotes", "\"a,b\",\"say \"\"hi\"\"\",\"\"\n", []scanned{{1, []string{"a,b", "say \"hi\"", ""}, 3, nil}}},
		{"quoted line break", "\"a\r\nb\",c\r\nd\r\n", []scanned{{1, []string{"a\nb", "c"}, 2, nil}, {3, []string{"d"}, 1, nil}}},
		{"bare quote kept", "5\"3,x\n", []scanned{{1, []string{"5\"3", "x"}, 2, nil}}},
		{"text after closing quote", "\"ab\"c,x\n", []scanned{{1, []string{"ab\"c", "x"}, 2, []string{"引号使用不当"}}}},
		{"unclosed quote", "a,\"b\nc\n", []scanned{{1, []string{"a", "b\nc\n"}, 2, []string{"引号没有闭合"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, scanAll(t, tt.in)); diff != "" {
				t.Errorf("records differ (-want +got):\n%s", diff)
			}
		})
	}
}
