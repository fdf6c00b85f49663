package store

import (
	"strings"

	"github.com/zhixiao/zhixiao/internal/court"
)

// fundKey identifies a receipt: 案号, day, amount, and which receipt of that
// 案号, day and amount it is in the file (1 for the first).
type fundKey struct {
	caseNo     string
	receivedOn court.Date
	amount     court.Money
	occurrence int
}

type fundRow struct {
	fundKey
	paidOn     court.Date
	paidAmount court.Money
}

var fundCols = []string{"case_no", "received_on", "amount", "occurrence", "paid_on", "paid_amount"}

var fundUpsert = upsertTail("case_no, received_on, amount, occurrence", fundCols)

// AddFund adds or updates one receipt of execution funds, keyed by 案号,
// 到账日期, 到账金额 and the receipt's occurrence among those of the same
// three in this import. Its case need not be stored.
func (im *Import) AddFund(f *court.FundReceipt) error {
	if err := im.usable(); err != nil {
		return err
	}
	caseNo := strings.TrimSpace(f.CaseNo)
	switch {
	case caseNo == "":
		return court.Errorf(court.Invalid, "执行案款的案号为空")
	case f.ReceivedOn == court.NoDate:
		return court.Errorf(court.Invalid, "案号%s的执行案款缺少到账日期", caseNo)
	case f.Amount < 0:
		return court.Errorf(court.Invalid, "案号%s的执行案款缺少到账金额", caseNo)
	}
	k := fundKey{caseNo: caseNo, receivedOn: f.ReceivedOn, amount: f.Amount}
	base := k
	im.fundOcc[base]++
	k.occurrence = im.fundOcc[base]
	paid := f.PaidAmount
	if paid < 0 {
		paid = court.NoMoney
	}
	im.funds = append(im.funds, fundRow{fundKey: k, paidOn: f.PaidOn, paidAmount: paid})
	im.added[kindFunds]++
	if len(im.funds) >= rowBatch {
		return im.flushFunds()
	}
	return nil
}

// flushFunds writes the buffered receipts that are new or changed.
func (im *Import) flushFunds() error {
	if len(im.funds) == 0 {
		return nil
	}
	if err := im.wait(); err != nil {
		return err
	}
	defer func() { im.funds = im.funds[:0] }()
	stored, err := im.storedFunds()
	if err != nil {
		return im.fail(err)
	}
	var write []*fundRow
	cnt := &im.counts[kindFunds]
	for i := range im.funds {
		f := &im.funds[i]
		s, ok := stored[f.fundKey]
		switch {
		case !ok:
			cnt.Inserted++
			write = append(write, f)
		case s.paidOn == f.paidOn && s.paidAmount == f.paidAmount:
			cnt.Unchanged++
		default:
			cnt.Updated++
			write = append(write, f)
		}
	}
	db := im.db
	err = im.insertRows("fund_receipts", fundCols, len(write), fundUpsert, func(i int, args []any) []any {
		f := write[i]
		return append(args, f.caseNo, db.dateArg(f.receivedOn), int64(f.amount), int64(f.occurrence),
			db.dateArg(f.paidOn), nullMoney(f.paidAmount))
	})
	return im.fail(err)
}

// storedFunds reads the stored receipts of the buffered receipts' cases.
func (im *Import) storedFunds() (map[fundKey]fundRow, error) {
	seen := map[string]bool{}
	var keys []string
	for _, f := range im.funds {
		if !seen[f.caseNo] {
			seen[f.caseNo] = true
			keys = append(keys, f.caseNo)
		}
	}
	db := im.db
	stored := map[fundKey]fundRow{}
	const chunk = 500
	for lo := 0; lo < len(keys); lo += chunk {
		hi := min(lo+chunk, len(keys))
		args := make([]any, 0, hi-lo)
		for _, k := range keys[lo:hi] {
			args = append(args, k)
		}
		rows, err := im.tx.QueryContext(im.ctx, db.rebind("SELECT case_no, "+db.dateCol("received_on")+", amount, occurrence, "+
			db.dateCol("paid_on")+", paid_amount FROM fund_receipts WHERE case_no IN ("+placeholders(hi-lo)+")"), args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			f, err := scanFund(rows)
			if err != nil {
				rows.Close()
				return nil, err
			}
			stored[f.fundKey] = f
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return stored, nil
}

// scanFund reads case_no, received_on, amount, occurrence, paid_on, paid_amount.
func scanFund(rows interface{ Scan(...any) error }) (fundRow, error) {
	var f fundRow
	var received, paidOn, paid any
	var amount, occ int64
	if err := rows.Scan(&f.caseNo, &received, &amount, &occ, &paidOn, &paid); err != nil {
		return f, err
	}
	var err error
	if f.receivedOn, err = dateOf(received); err != nil {
		return f, err
	}
	if f.paidOn, err = dateOf(paidOn); err != nil {
		return f, err
	}
	f.amount, f.occurrence = court.Money(amount), int(occ)
	f.paidAmount, err = moneyOf(paid)
	return f, err
}

// medRow is a mediation as stored.
type medRow struct {
	code         string
	court        int64
	mediator     string
	registeredOn court.Date
	endedOn      court.Date
	result       court.MediationResult
	confirmed    bool
}

var medCols = []string{"code", "court_id", "mediator", "registered_on", "ended_on", "result", "confirmed"}

var medUpsert = upsertTail("code", medCols)

// AddMediation adds or updates one pre-litigation mediation, keyed by its
// 编号. Its court, named by name or 法院代字, is created when missing.
func (im *Import) AddMediation(m *court.Mediation) error {
	if err := im.usable(); err != nil {
		return err
	}
	code := strings.TrimSpace(m.ID)
	switch {
	case code == "":
		return court.Errorf(court.Invalid, "诉前调解的编号为空")
	case strings.TrimSpace(m.Court) == "":
		return court.Errorf(court.Invalid, "诉前调解%s的法院为空", code)
	case m.RegisteredOn == court.NoDate:
		return court.Errorf(court.Invalid, "诉前调解%s缺少登记日期", code)
	}
	ct, err := im.ensureCourt(m.Court, "")
	if err != nil {
		return err
	}
	row := medRow{code: code, court: ct.id, mediator: m.Mediator, registeredOn: m.RegisteredOn,
		endedOn: m.EndedOn, result: m.Result, confirmed: m.Confirmed}
	if i, dup := im.medIdx[code]; dup {
		im.meds[i] = row // the later row of one 编号 wins
	} else {
		im.medIdx[code] = len(im.meds)
		im.meds = append(im.meds, row)
	}
	im.added[kindMediations]++
	if len(im.meds) >= rowBatch {
		return im.flushMediations()
	}
	return nil
}

// flushMediations writes the buffered mediations that are new or changed.
func (im *Import) flushMediations() error {
	if len(im.meds) == 0 {
		return nil
	}
	if err := im.wait(); err != nil {
		return err
	}
	defer func() {
		im.meds = im.meds[:0]
		clear(im.medIdx)
	}()
	stored, err := im.storedMediations()
	if err != nil {
		return im.fail(err)
	}
	var write []*medRow
	cnt := &im.counts[kindMediations]
	for i := range im.meds {
		m := &im.meds[i]
		s, ok := stored[m.code]
		switch {
		case !ok:
			cnt.Inserted++
			write = append(write, m)
		case s == *m:
			cnt.Unchanged++
		default:
			cnt.Updated++
			write = append(write, m)
		}
	}
	db := im.db
	err = im.insertRows("mediations", medCols, len(write), medUpsert, func(i int, args []any) []any {
		m := write[i]
		return append(args, m.code, m.court, nullText(m.mediator), db.dateArg(m.registeredOn),
			db.dateArg(m.endedOn), nullText(m.result.String()), m.confirmed)
	})
	return im.fail(err)
}

func (im *Import) storedMediations() (map[string]medRow, error) {
	db := im.db
	stored := map[string]medRow{}
	const chunk = 500
	for lo := 0; lo < len(im.meds); lo += chunk {
		hi := min(lo+chunk, len(im.meds))
		args := make([]any, 0, hi-lo)
		for _, m := range im.meds[lo:hi] {
			args = append(args, m.code)
		}
		rows, err := im.tx.QueryContext(im.ctx, db.rebind(db.mediationSelect()+" WHERE code IN ("+placeholders(hi-lo)+")"), args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			m, err := scanMediation(rows)
			if err != nil {
				rows.Close()
				return nil, err
			}
			stored[m.code] = m
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return stored, nil
}

func (db *DB) mediationSelect() string {
	return "SELECT code, court_id, mediator, " + db.dateCol("registered_on") + ", " + db.dateCol("ended_on") +
		", result, confirmed FROM mediations"
}

// scanMediation reads a row of mediationSelect.
func scanMediation(rows interface{ Scan(...any) error }) (medRow, error) {
	var m medRow
	var mediator, registered, ended, result, confirmed any
	if err := rows.Scan(&m.code, &m.court, &mediator, &registered, &ended, &result, &confirmed); err != nil {
		return m, err
	}
	var err error
	if m.registeredOn, err = dateOf(registered); err != nil {
		return m, err
	}
	if m.endedOn, err = dateOf(ended); err != nil {
		return m, err
	}
	m.mediator = textOf(mediator)
	switch textOf(result) {
	case "成功":
		m.result = court.MediationSuccess
	case "不成功":
		m.result = court.MediationFailure
	}
	n, err := intOf(confirmed, 0)
	m.confirmed = n != 0
	return m, err
}
