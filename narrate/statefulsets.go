package narrate

import (
	"strings"

	"github.com/nodenucleus/nucleus/sim"
)

// lockerRoom is the StatefulSet controller's word: it hires numbered
// employees (web-0, web-1, ...), each with numbered lockers that outlive
// them.
const lockerRoom = "head office's locker room"

// statefulSetCreate: Facts.To is the new pod or claim; the message says
// which ("create Pod web-0 ...", "create Claim www-web-0 ...").
func statefulSetCreate(r sim.Record) string {
	if strings.HasPrefix(r.Message, "create Claim") {
		return sentence(lockerRoom + " opens locker request " + orSomeone(r.Facts.To) + " for team " + r.Object.Name)
	}
	return sentence(lockerRoom + " hires numbered employee " + orSomeone(r.Facts.To) + " for team " + r.Object.Name)
}

// statefulSetDelete: Facts.To is the pod let go; its lockers stay.
func statefulSetDelete(r sim.Record) string {
	return sentence(lockerRoom + " lets numbered employee " + orSomeone(r.Facts.To) + " go from team " + r.Object.Name + "; the lockers stay")
}
