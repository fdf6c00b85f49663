package importer

import (
	"io"

	"github.com/schollz/progressbar/v3"
	"github.com/zhixiao/zhixiao/internal/ingest"
)

// progress shows a bar for big files; every method is a no-op without a writer.
type progress struct {
	src *ingest.Source
	out io.Writer
	bar *progressbar.ProgressBar
}

func newProgress(out io.Writer, src *ingest.Source) *progress {
	return &progress{src: src, out: out}
}

func (p *progress) update() {
	if p.out == nil {
		return
	}
	done, total := p.src.Progress()
	if total <= 0 {
		total = -1 // unknown size: a spinner
	}
	if p.bar == nil {
		p.bar = progressbar.NewOptions64(total,
			progressbar.OptionSetWriter(p.out),
			progressbar.OptionSetDescription("导入中"),
			progressbar.OptionShowBytes(false),
			progressbar.OptionThrottle(200_000_000),
			progressbar.OptionClearOnFinish())
	}
	p.bar.Set64(done)
}

func (p *progress) finish() {
	if p.bar != nil {
		p.bar.Finish()
	}
}
