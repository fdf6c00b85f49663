package store_test

import (
	"context"
	"testing"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/petitions"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/store/storetest"
)

// TestAssignSeededPetitions gives an owner to the request a seed handled,
// and to no other: not the one still waiting, not one a person recorded,
// not twice.
func TestAssignSeededPetitions(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		ids := petitionFixture(t, db)
		courtID := ids["示例市中级人民法院"]
		u, err := db.CreateUser(ctx, auth.User{Login: "tz", Role: auth.RoleAdmin}, "$h", auth.AuditEntry{At: petitionT0, Actor: "test", Action: auth.ActionUserAdd})
		if err != nil {
			t.Fatal(err)
		}
		made := map[string]int64{}
		for _, c := range []struct {
			name, actor string
			ack         bool
		}{{"handled", "种子", true}, {"waiting", "种子", false}, {"by a clerk", "lian", true}} {
			p := petitionComplaint(ids, day(t, "2026-11-02"))
			e := auth.AuditEntry{At: petitionT0, Actor: c.actor}
			code := petitions.NewCode()
			if err := db.CreatePetition(ctx, p, petitions.HashCode(code), petitions.HashSurveyCode(code), e); err != nil {
				t.Fatal(err)
			}
			if c.ack {
				ack := func(p *petitions.Petition) (petitions.Event, error) {
					return petitions.Ack(p, petitions.Actor{Name: c.actor}, petitionT0, p.ReceivedOn)
				}
				if _, err := db.ChangePetition(ctx, p.ID, ack, e); err != nil {
					t.Fatal(err)
				}
			}
			made[c.name] = p.ID
		}
		owner := func(p *petitions.Petition) (int64, string) { return u.ID, "tz" }
		for run, want := range []int{1, 0} {
			n, err := db.AssignSeededPetitions(ctx, courtID, "种子", owner, auth.AuditEntry{At: petitionT0, Actor: "test"})
			if err != nil || n != want {
				t.Errorf("run %d: AssignSeededPetitions = %d, %v, want %d", run, n, err, want)
			}
		}
		for name, id := range made {
			p, err := db.Petition(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := p.OwnerID, map[bool]int64{true: u.ID}[name == "handled"]; got != want || (want != 0 && p.Owner != "tz") {
				t.Errorf("%s: owner %d %q, want %d", name, got, p.Owner, want)
			}
		}
		evs, err := db.PetitionEvents(ctx, made["handled"])
		if err != nil {
			t.Fatal(err)
		}
		for _, ev := range evs {
			if ev.Actor != "tz" || ev.ActorID != u.ID {
				t.Errorf("event %s by %q (%d), want tz", ev.Kind, ev.Actor, ev.ActorID)
			}
		}
	})
}
