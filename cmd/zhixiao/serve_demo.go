package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/store"
)

// demoPassword is the password of every demo account. The accounts exist
// only when `zhixiao serve --demo-accounts` created them, on demo data.
const demoPassword = "zhixiao-demo1"

// demoCourt is the 中院 of the demo data (internal/demo).
const demoCourt = "示例市中级人民法院"

// demoAccount is one account of the demo.
type demoAccount struct {
	login, role, department string
	judge                   bool // the first 员额法官 of the department
}

var demoAccounts = []demoAccount{
	{"admin", "系统管理员", "", false},
	{"yuanzhang", "院领导", "", false},
	{"shenguan", "审管办", "", false},
	{"zhengzhi", "政治部", "", false},
	{"jijian", "纪检监察", "", false},
	{"tingzhang1", "庭长", "民一庭", false},
	{"tingzhang2", "庭长", "民二庭", false},
	{"faguan", "法官", "民一庭", true},
}

// ensureDemoAccounts creates the demo accounts that do not exist yet, prints
// them all and makes them the owners of the demo's requests
// (assignDemoPetitions). It does nothing when the demo court is not in the
// data.
func ensureDemoAccounts(ctx context.Context, db *store.DB, out io.Writer) error {
	org, err := db.Org(ctx)
	if err != nil {
		return err
	}
	courtID := int64(0)
	for _, c := range org.Courts {
		if c.Name == demoCourt {
			courtID = c.ID
		}
	}
	if courtID == 0 {
		fmt.Fprintln(out, "数据中没有示例市中级人民法院：未创建演示账号（请先运行 zhixiao demo）")
		return nil
	}
	fmt.Fprintf(out, "演示账号（密码均为 %s）：\n", demoPassword)
	users := make([]auth.User, 0, len(demoAccounts))
	for _, a := range demoAccounts {
		u, err := ensureDemoAccount(ctx, db, org, courtID, a)
		if err != nil {
			return err
		}
		users = append(users, u)
		fmt.Fprintf(out, "  %-11s %s\n", u.Login, describePost(u))
	}
	return assignDemoPetitions(ctx, db, courtID, users, out)
}

func ensureDemoAccount(ctx context.Context, db *store.DB, org store.Org, courtID int64, a demoAccount) (auth.User, error) {
	if u, _, err := db.UserByLogin(ctx, a.login); err == nil {
		return u, nil
	} else if court.KindOf(err) != court.NotFound {
		return u, err
	}
	courtName := demoCourt
	if a.role == "系统管理员" {
		courtName = ""
	}
	staff := ""
	if a.judge {
		staff = firstJudge(org, courtID, a.department)
	}
	u, hash, err := auth.NewUser(a.login, a.role, courtName, a.department, staff, demoPassword, auth.DefaultParams())
	if err != nil {
		return u, err
	}
	if err := db.ResolvePost(ctx, &u); err != nil {
		return u, err
	}
	e := auth.AuditEntry{At: time.Now(), Actor: actor(), Action: auth.ActionUserAdd, Object: "账号 " + u.Login, After: u.AuditJSON(), IP: "命令行"}
	return db.CreateUser(ctx, u, hash, e)
}

// firstJudge is the 工号 of the first active 员额法官 of a department.
func firstJudge(org store.Org, courtID int64, dept string) string {
	for _, d := range org.Departments {
		if d.Court != courtID || d.Name != dept {
			continue
		}
		for _, p := range org.People {
			if p.Department == d.ID && p.Category == court.CategoryJudge && p.Active && p.StaffNo != "" {
				return p.StaffNo
			}
		}
	}
	return ""
}
