package main

import (
	"context"
	"math"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/indicator"
	"github.com/zhixiao/zhixiao/internal/store"
)

// courtBands are the bands the court saved on /bands (本院设定), or the
// illustrative set while it has saved none, as `serve` judges against.
func courtBands(ctx context.Context, db *store.DB) (*indicator.BandSet, error) {
	rows, err := db.Bands(ctx)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return indicator.IllustrativeBands()
	}
	bs := &indicator.BandSet{Label: "本院设定"}
	for _, r := range rows {
		b := indicator.Band{Indicator: r.Indicator, Lower: math.Inf(-1), Upper: math.Inf(1)}
		b.CourtLevel, _ = court.ParseCourtLevel(r.CourtLevel)
		b.Kind, _ = court.ParseKind(r.Kind)
		if r.Lower != nil {
			b.Lower = *r.Lower
		}
		if r.Upper != nil {
			b.Upper = *r.Upper
		}
		bs.Bands = append(bs.Bands, b)
	}
	return bs, nil
}
