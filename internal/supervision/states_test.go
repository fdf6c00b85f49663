package supervision

import (
	"strings"
	"testing"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
)

func wantErr(t *testing.T, what string, err error, kind court.ErrorKind) {
	t.Helper()
	if kind == 0 {
		if err != nil {
			t.Errorf("%s: %v", what, err)
		}
		return
	}
	if court.KindOf(err) != kind {
		t.Errorf("%s: error %v, want kind %v", what, err, kind)
	}
}

// TestSupervisionMeasureStateMachine: no 销号 without evidence and
// approval; only the responsible department reports; only the named leader
// approves; a rejection goes back with its reason.
func TestSupervisionMeasureStateMachine(t *testing.T) {
	today := d(t, "2026-03-01")
	leader := Actor{UserID: 7, Login: "yuanzhang", Role: auth.RolePresident, Court: 1}
	otherLeader := Actor{UserID: 8, Login: "fuyuanzhang", Role: auth.RolePresident, Court: 1}
	dept := Actor{UserID: 20, Login: "tingzhang1", Role: auth.RoleChief, Court: 1, DepartmentID: 3}
	otherDept := Actor{UserID: 21, Login: "tingzhang2", Role: auth.RoleChief, Court: 1, DepartmentID: 4}
	sgb := Actor{UserID: 5, Login: "shenguan", Role: auth.RoleTrialMgmt, Court: 1}
	m := Measure{ID: 1, Title: "压降长期未结案件", Leader: 7, LeaderName: "yuanzhang", Department: 3, DeptName: "民一庭", DueOn: today + 30, Status: MeasureActive}

	wantErr(t, "other department reports", m.CheckProgress(otherDept, "已清理 10 件", 20), court.Forbidden)
	wantErr(t, "审管办 reports", m.CheckProgress(sgb, "已清理 10 件", 20), court.Forbidden)
	wantErr(t, "department reports", m.CheckProgress(dept, "已清理 10 件", 20), 0)
	wantErr(t, "empty report", m.CheckProgress(dept, " ", 20), court.Invalid)
	wantErr(t, "leader approves nothing", m.Decide(leader, true, "", today), court.Conflict)
	wantErr(t, "closing without evidence", m.RequestCloseout(dept, "已完成", 0), court.Invalid)
	if m.Status != MeasureActive {
		t.Fatalf("a refused request changed the status to %s", m.Status)
	}
	wantErr(t, "other department asks", m.RequestCloseout(otherDept, "已完成", 1), court.Forbidden)
	wantErr(t, "closing with evidence", m.RequestCloseout(dept, "已完成", 1), 0)
	if m.Status != MeasurePending {
		t.Fatalf("status %s, want %s", m.Status, MeasurePending)
	}
	wantErr(t, "asking twice", m.RequestCloseout(dept, "已完成", 1), court.Conflict)
	wantErr(t, "another leader approves", m.Decide(otherLeader, true, "", today), court.Forbidden)
	wantErr(t, "审管办 approves", m.Decide(sgb, true, "", today), court.Forbidden)
	wantErr(t, "reject without reason", m.Decide(leader, false, "", today), court.Invalid)
	wantErr(t, "reject", m.Decide(leader, false, "佐证材料不足", today), 0)
	if m.Status != MeasureActive || m.RejectReason != "佐证材料不足" {
		t.Fatalf("after rejection: %s %q", m.Status, m.RejectReason)
	}
	wantErr(t, "ask again", m.RequestCloseout(dept, "补充材料", 2), 0)
	wantErr(t, "approve", m.Decide(leader, true, "", today), 0)
	if m.Status != MeasureClosed || m.ClosedOn != today || m.RejectReason != "" {
		t.Fatalf("after approval: %+v", m)
	}
	wantErr(t, "report after closing", m.CheckProgress(dept, "x", 100), court.Conflict)
	if l := LatenessOf(&m, today); l != DoneInTime {
		t.Errorf("lateness %s, want 按期销号", l)
	}
}

func TestSupervisionLateness(t *testing.T) {
	today := d(t, "2026-03-01")
	tests := []struct {
		due    court.Date
		status MeasureStatus
		closed court.Date
		want   Lateness
	}{
		{today + 8, MeasureActive, 0, OnTrack},
		{today + 7, MeasureActive, 0, DueSoon},
		{today, MeasurePending, 0, DueSoon},
		{today - 1, MeasurePending, 0, Late},
		{today - 1, MeasureClosed, today, DoneLate},
	}
	for _, tt := range tests {
		m := Measure{DueOn: tt.due, Status: tt.status, ClosedOn: tt.closed}
		if got := LatenessOf(&m, today); got != tt.want {
			t.Errorf("due %s %s: %s, want %s", tt.due, tt.status, got, tt.want)
		}
	}
}

// TestSupervisionItemStateMachine: explanation by the people responsible,
// approval by 审管办 only, closing with the case, escalation once when overdue.
func TestSupervisionItemStateMachine(t *testing.T) {
	today := d(t, "2026-03-01")
	judge := Actor{UserID: 30, Login: "faguan", Role: auth.RoleJudge, Court: 1, DepartmentID: 3, PersonID: 99}
	chief := Actor{UserID: 20, Login: "tingzhang1", Role: auth.RoleChief, Court: 1, DepartmentID: 3}
	otherChief := Actor{UserID: 21, Login: "tingzhang2", Role: auth.RoleChief, Court: 1, DepartmentID: 4}
	sgb := Actor{UserID: 5, Login: "shenguan", Role: auth.RoleTrialMgmt, Court: 1}
	president := Actor{UserID: 7, Login: "yuanzhang", Role: auth.RolePresident, Court: 1}
	it := Item{ID: 1, Court: 1, Department: 3, Judge: 99, DueOn: today + 15, Status: ItemOpen}

	wantErr(t, "judge opens 挂牌督办", NewLeaderItem(judge, "尽快审结", today+10, today), court.Forbidden)
	wantErr(t, "president opens without due", NewLeaderItem(president, "尽快审结", 0, today), court.Invalid)
	wantErr(t, "president opens", NewLeaderItem(president, "尽快审结", today+10, today), 0)
	wantErr(t, "other chief explains", it.Explain(otherChief, "鉴定未完成", today), court.Forbidden)
	wantErr(t, "审管办 approves before explanation", it.Review(sgb, true, "", today), court.Conflict)
	wantErr(t, "judge explains", it.Explain(judge, "鉴定未完成", today), 0)
	wantErr(t, "president approves", it.Review(president, true, "", today), court.Forbidden)
	wantErr(t, "审管办 rejects", it.Review(sgb, false, "理由不充分", today), 0)
	if it.Status != ItemOpen || !strings.Contains(it.CloseNote, "理由不充分") {
		t.Fatalf("after rejection: %s %q", it.Status, it.CloseNote)
	}
	wantErr(t, "chief explains", it.Explain(chief, "已补充鉴定材料", today), 0)
	wantErr(t, "审管办 approves", it.Review(sgb, true, "", today), 0)
	if it.Status != ItemClosed || it.ClosedOn != today {
		t.Fatalf("after approval: %+v", it)
	}

	// Escalation: not on the due day, the day after, and only once.
	e := Item{DueOn: today, Status: ItemOpen}
	if e.Escalate(today) {
		t.Error("escalated on its due day")
	}
	if !e.Escalate(today+1) || e.EscalatedOn != today+1 {
		t.Errorf("not escalated the day after its due day: %+v", e)
	}
	if e.Escalate(today + 2) {
		t.Error("escalated twice")
	}
	c := Item{DueOn: today - 5, Status: ItemExplained}
	if !c.CaseClosed(today) || c.Escalate(today) || c.Overdue(today) {
		t.Errorf("a closed item is overdue or escalates: %+v", c)
	}
}

func TestSupervisionAttachments(t *testing.T) {
	pdf := []byte("%PDF-1.7\n...")
	tests := []struct {
		name     string
		data     []byte
		limit    int64
		wantName string
		wantErr  string
	}{
		{"../../etc/passwd", []byte("root:x:0:0"), 1 << 20, "", "类型不受支持"},
		{"../../etc/passwd.pdf", pdf, 1 << 20, "passwd.pdf", ""},
		{`C:\Users\x\整改报告.pdf`, pdf, 1 << 20, "整改报告.pdf", ""},
		{"报告.pdf", pdf, 4, "", "超过上限"},
		{"报告.pdf", nil, 1 << 20, "", "空文件"},
		{"伪装.pdf", []byte("MZ\x90\x00 not a pdf"), 1 << 20, "", "类型不受支持"},
		{"图片.png", pdf, 1 << 20, "", "与扩展名不符"},
		{"说明.txt", []byte("已完成整改"), 1 << 20, "说明.txt", ""},
		{"二进制.txt", []byte("a\x00b"), 1 << 20, "", "类型不受支持"},
		{"..", pdf, 1 << 20, "", "类型不受支持"},
		{"a\x00b<>.pdf", pdf, 1 << 20, "ab.pdf", ""},
	}
	for _, tt := range tests {
		a, err := CheckAttachment(tt.name, tt.data, tt.limit)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%q: error %v, want %q", tt.name, err, tt.wantErr)
			}
			continue
		}
		if err != nil || a.Name != tt.wantName || len(a.SHA256) != 64 {
			t.Errorf("%q: %q %q %v, want %q", tt.name, a.Name, a.SHA256, err, tt.wantName)
		}
	}
	for in, want := range map[string]string{"../../etc/passwd": "passwd", "..": "附件", ".bashrc": "bashrc", "a/b\\c.pdf": "c.pdf"} {
		if got := SanitizeName(in); got != want {
			t.Errorf("SanitizeName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSupervisionSignature(t *testing.T) {
	body := []byte(`{"title":"督办"}`)
	sig := Sign([]byte("s3cret"), body)
	if !strings.HasPrefix(sig, "sha256=") || !Verify([]byte("s3cret"), body, sig) || Verify([]byte("other"), body, sig) {
		t.Errorf("signature %q does not verify as it should", sig)
	}
	if RetryDelay(1) >= RetryDelay(3) || RetryDelay(50) > 3600e9 {
		t.Error("retry delays do not back off within an hour")
	}
	from, to := WeekOf(d(t, "2026-03-04")) // a Wednesday
	if from != d(t, "2026-03-02") || to != d(t, "2026-03-08") {
		t.Errorf("week %s..%s", from, to)
	}
}
