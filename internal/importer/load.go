package importer

import (
	"context"
	"time"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/store"
)

// Dataset is a whole set of records loaded at once: the demo court, or a
// test fixture. It skips the file formats but not the store's rules.
type Dataset struct {
	Courts     []court.Court
	People     []court.Person
	Cases      []court.Case
	Funds      []court.FundReceipt
	Mediations []court.Mediation
	Parties    []court.Party
}

// Load writes a dataset in one transaction, recorded as one import run of
// kind name (e.g. "demo"), and returns the counts per kind of record
// ("courts", "people", "cases", "funds", "mediations", "parties").
func Load(ctx context.Context, db *store.DB, ds Dataset, name, actor string) (map[string]store.Counts, error) {
	im, err := db.BeginImport(ctx, store.ImportMeta{Kind: name, FileName: name, SHA256: "-", Actor: actor, Started: time.Now()})
	if err != nil {
		return nil, err
	}
	if err := loadAll(im, &ds); err != nil {
		im.Rollback()
		return nil, err
	}
	if _, err := im.Commit(0); err != nil {
		return nil, err
	}
	return im.KindCounts(), nil
}

func loadAll(im *store.Import, ds *Dataset) error {
	for i := range ds.Courts {
		if err := im.AddCourt(&ds.Courts[i]); err != nil {
			return err
		}
	}
	for i := range ds.People {
		if err := im.AddPerson(&ds.People[i]); err != nil {
			return err
		}
	}
	for i := range ds.Cases {
		if err := im.AddCase(&ds.Cases[i]); err != nil {
			return court.Errorf(court.Invalid, "案件 %s：%s", ds.Cases[i].No, court.Message(err))
		}
	}
	for i := range ds.Funds {
		if err := im.AddFund(&ds.Funds[i]); err != nil {
			return err
		}
	}
	for i := range ds.Mediations {
		if err := im.AddMediation(&ds.Mediations[i]); err != nil {
			return err
		}
	}
	for i := range ds.Parties {
		if err := im.AddParty(&ds.Parties[i]); err != nil {
			return err
		}
	}
	return nil
}
