package main

import (
	"fmt"
	"os"

	"github.com/zhixiao/zhixiao/_scratch/store"
	"github.com/zhixiao/zhixiao/internal/court"
)

func main() {
	f, _ := court.ParseISODate(os.Args[3])
	t, _ := court.ParseISODate(os.Args[4])
	q, err := store.IndicatorQuery(os.Args[1], court.Period{From: f, To: t}, store.SQLGrouping(os.Args[2]), store.SQLFilter{})
	if err != nil {
		panic(err)
	}
	fmt.Println(q)
}
