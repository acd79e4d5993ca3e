package narrate

import "github.com/nodenucleus/nucleus/sim"

// staffingOrder is the replication manager's word: the standing order
// for N employees that head office kept from before its staffing plans
// had rollouts (a ReplicationController).
const staffingOrder = "head office's old staffing order"

// replicationCreate: Facts.To is the new pod; the object is the
// ReplicationController.
func replicationCreate(r sim.Record) string {
	return sentence(staffingOrder + " " + r.Object.Name + " hires " + orSomeone(r.Facts.To))
}

// replicationDelete: Facts.To is the pod let go.
func replicationDelete(r sim.Record) string {
	return sentence(staffingOrder + " " + r.Object.Name + " lets " + orSomeone(r.Facts.To) + " go")
}

// replicationReady: Facts.To ready of Facts.Count wanted.
func replicationReady(r sim.Record) string {
	return sentence("Staffing order " + r.Object.Name + " has " + orZero(r.Facts.To) + " of " + itoa32(r.Facts.Count) + " employees ready")
}
