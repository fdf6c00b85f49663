package ingest

import "io"

// batchSize is how many records the reading goroutine hands over at a time.
const batchSize = 256

// batch is a run of records, and the error (io.EOF at the end) that stopped
// the reading after them.
type batch struct {
	recs []record
	err  error
}

// prefetch reads and decodes records on its own goroutine while the caller
// checks the previous ones: on two cores, reading and checking overlap. Only
// that goroutine touches the recordReader until it exits.
type prefetch struct {
	ch     chan batch
	done   chan struct{} // closed by Close to stop the goroutine
	exited chan struct{}
	cur    batch
	pos    int
}

// startPrefetch starts reading with next, which returns the next non-blank record.
func startPrefetch(next func() (record, error)) *prefetch {
	p := &prefetch{ch: make(chan batch, 4), done: make(chan struct{}), exited: make(chan struct{})}
	go p.run(next)
	return p
}

func (p *prefetch) run(next func() (record, error)) {
	defer close(p.exited)
	for {
		b := batch{recs: make([]record, 0, batchSize)}
		for len(b.recs) < batchSize && b.err == nil {
			rec, err := next()
			if err != nil {
				b.err = err
			} else {
				b.recs = append(b.recs, rec)
			}
		}
		select {
		case p.ch <- b:
		case <-p.done:
			return
		}
		if b.err != nil {
			return
		}
	}
}

// next returns the next record; after the last, the error that ended reading.
func (p *prefetch) next() (record, error) {
	for p.pos >= len(p.cur.recs) {
		if p.cur.err != nil {
			return record{}, p.cur.err
		}
		b, ok := <-p.ch
		if !ok {
			return record{}, io.EOF
		}
		p.cur, p.pos = b, 0
	}
	rec := p.cur.recs[p.pos]
	p.cur.recs[p.pos] = record{}
	p.pos++
	return rec, nil
}

// stop ends the goroutine and waits for it, so that the reader can be closed.
func (p *prefetch) stop() {
	close(p.done)
	<-p.exited
}
