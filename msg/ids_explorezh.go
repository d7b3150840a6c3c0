package msg

// `tcpsim explore` and `tcpsim sweep` in words (explore/report.go,
// explore/sweep_out.go, explore/sweep_chart.go, the sweep's progress
// line). The English entries are the reports' bytes as they were:
// tests compare them. Parameters are named in the comment.
const (
	ExploreHead        ID = "explore.head"         // Name, Drops
	ExploreHeadFaults  ID = "explore.head_faults"  // Dups, Reorders
	ExploreHeadCrash   ID = "explore.head_crash"   //
	ExploreRuns        ID = "explore.runs"         // Runs, List, Crashed (text or "")
	ExploreSep         ID = "explore.sep"          // between the items of a list
	ExploreSemi        ID = "explore.semi"         // A, B: two clauses of one line
	ExploreBy0Faults   ID = "explore.by0_faults"   // N
	ExploreBy0Lost     ID = "explore.by0_lost"     // N
	ExploreByK         ID = "explore.by_k"         // N, K
	ExploreByKFaults   ID = "explore.by_k_faults"  // N, K: faults of any kind
	ExploreCrashed     ID = "explore.crashed"      // N
	ExploreMaxTrans    ID = "explore.max_trans"    // N, Then
	ExploreStopped     ID = "explore.stopped"      //
	ExploreStoppedMore ID = "explore.stopped_more" //
	ExploreCut         ID = "explore.cut"          // Limit
	ExploreCutRuns     ID = "explore.cut_runs"     // N, K
	ExploreUnexpanded  ID = "explore.unexpanded"   // N
	ExploreExhaustive  ID = "explore.exhaustive"   //
	ExploreClasses     ID = "explore.classes"      //
	ExploreClass       ID = "explore.class"        // N, Runs, A, B, Data
	ExploreErrorsLine  ID = "explore.errors_line"  // A, B
	ExploreCloseTook   ID = "explore.close_took"   // Min, Max
	ExploreExNone      ID = "explore.ex_none"      //
	ExploreEx          ID = "explore.ex"           //
	ExploreInvariants  ID = "explore.invariants"   //
	ExploreHeld        ID = "explore.held"         // Runs
	ExploreHeldSndUna  ID = "explore.held_snd_una" //
	ExploreHeldOnce    ID = "explore.held_once"    //
	ExploreHeldEnds    ID = "explore.held_ends"    //
	ExploreHeldAgree   ID = "explore.held_agree"   //
	ExploreHeldClosed  ID = "explore.held_closed"  //
	ExploreViolated    ID = "explore.violated"     // N, Runs, What
	ExploreCrashAt     ID = "explore.crash_at"     // Side, T, Before
	ExploreForgets     ID = "explore.forgets"      // State
	ExploreLose        ID = "explore.lose"         // N, T, Seg
	ExploreDup         ID = "explore.dup"          // N, T, Seg
	ExploreReorder     ID = "explore.reorder"      // N, T, Seg
	ExploreSentIn      ID = "explore.sent_in"      // State
	ExploreOutcome     ID = "explore.outcome"      // A, B, Errors, Data

	// explore --all (explore/all.go)
	ExploreAllHead       ID = "explore.all_head"       // N, Faults
	ExploreAllLost       ID = "explore.all_lost"       // N
	ExploreAllDups       ID = "explore.all_dups"       // Dups, Reorders
	ExploreAllCrash      ID = "explore.all_crash"      //
	ExploreAllPerRun     ID = "explore.all_per_run"    // List
	ExploreAllStopped    ID = "explore.all_stopped"    //
	ExploreColScenario   ID = "explore.col_scenario"   //
	ExploreColClasses    ID = "explore.col_classes"    //
	ExploreColViolations ID = "explore.col_violations" //
	ExploreColRows       ID = "explore.col_rows"       //
	ExploreAllCut        ID = "explore.all_cut"        // N
	ExploreAllTotal      ID = "explore.all_total"      //
	ExploreAllHeld       ID = "explore.all_held"       // Runs
	ExploreAllViolated   ID = "explore.all_violated"   // Name, Runs, What
	ExploreAllCoverage   ID = "explore.all_coverage"   // N, Total

	// explore's and sweep's complaints (cmd/tcpsim); Q is a quoted value
	ExploreErrArgs        ID = "explore.error.args"        // N
	ExploreErrOpen        ID = "explore.error.open"        // V, N
	ExploreErrFaults      ID = "explore.error.faults"      // V, Flag
	ExploreErrLimit       ID = "explore.error.limit"       // V
	ExploreErrAllArg      ID = "explore.error.all_arg"     // Q
	ExploreErrAllOpen     ID = "explore.error.all_open"    //
	ExploreErrInterrupted ID = "explore.error.interrupted" //
	ExploreErrViolated    ID = "explore.error.violated"    //
	SweepErrFormat        ID = "sweep.error.format"        // Q
	SweepErrRuns          ID = "sweep.error.runs"          // V
	SweepErrPoints        ID = "sweep.error.points"        // N
	SweepErrLoss          ID = "sweep.error.loss"          // Q
	SweepErrLossPoints    ID = "sweep.error.loss_points"   // Q, N
	SweepErrDelay         ID = "sweep.error.delay"         // Q
	SweepErrDelayPoints   ID = "sweep.error.delay_points"  // Q, N

	// explore --open's note in the scenario file, --states' title
	ExploreOpenNote    ID = "explore.open_note"    // Name, Flags, N, Label
	ExploreOpenHint    ID = "explore.open_hint"    //
	ExploreOpenNone    ID = "explore.open_none"    //
	ExploreOpenCrash   ID = "explore.open_crash"   // N, Side, T
	ExploreOpenLost    ID = "explore.open_lost"    // N
	ExploreStatesTitle ID = "explore.states_title" // Name

	SweepHeadGrid     ID = "sweep.head_grid"     // Name, Runs, Seed, Losses, Delays
	SweepHeadDelay    ID = "sweep.head_delay"    // Name, Runs, Seed, Delays
	SweepHeadLoss     ID = "sweep.head_loss"     // Name, Runs, Seed, Losses
	SweepHeadLink     ID = "sweep.head_link"     // Name, Runs, Seed
	SweepStopped      ID = "sweep.stopped"       //
	SweepColTime      ID = "sweep.col_time"      // heading over median..max
	SweepColRetx      ID = "sweep.col_retx"      //
	SweepColSegs      ID = "sweep.col_segs"      //
	SweepColLoss      ID = "sweep.col_loss"      //
	SweepColRuns      ID = "sweep.col_runs"      //
	SweepColMedian    ID = "sweep.col_median"    //
	SweepColMax       ID = "sweep.col_max"       //
	SweepColMeanMax   ID = "sweep.col_mean_max"  //
	SweepColWorst     ID = "sweep.col_worst"     //
	SweepWorstDelay   ID = "sweep.worst_delay"   //
	SweepWorst        ID = "sweep.worst"         //
	SweepClasses      ID = "sweep.classes"       //
	SweepPoint        ID = "sweep.point"         // Label
	SweepScenarioLink ID = "sweep.scenario_link" // the loss of a point on the scenario's own link
	SweepChart        ID = "sweep.chart"         // Pct
	SweepAxis         ID = "sweep.axis"          //
	SweepProgress     ID = "sweep.progress"      // Done, Total, Rate, ETA
)

// explore's short error names (explore/check.go errNames).
const (
	ExploreErrReset      ID = "explore.err.reset"
	ExploreErrRefused    ID = "explore.err.refused"
	ExploreErrTimedOut   ID = "explore.err.timed_out"
	ExploreErrClosingEOD ID = "explore.err.closing_eod"
	ExploreErrExists     ID = "explore.err.exists"
	ExploreErrNoConn     ID = "explore.err.no_conn"
	ExploreErrClosing    ID = "explore.err.closing"
	ExploreErrNoPeer     ID = "explore.err.no_peer"
	ExploreErrTrouble    ID = "explore.err.trouble"
	ExploreErrBadAddr    ID = "explore.err.bad_addr"
)
