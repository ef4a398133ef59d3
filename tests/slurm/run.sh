#!/bin/sh
# A real Slurm: the job array of scripts/slurm/ over WARC shards made from
# the samples, merged, answers as one ingest of the same inputs does.
# Installs Debian's slurm-wlm and munge when missing, writes a one-node
# cluster under a scratch folder, starts munged, slurmctld and slurmd on
# ports of its own, and stops them at the end.  A task that fails is
# resubmitted as the README says, and a finished array
# submitted again changes nothing.  Where Slurm cannot be had or started
# it says why and is skipped (exit 77), unless DICTUM_SLURM_REQUIRED=1
# (scripts/test) makes that a failure.
# usage: run.sh DICTUM SOURCE_DIR
DICTUM=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SRC=$(cd "$2" && pwd)
. "$SRC/tests/cli/lib.sh"

skip() {
	echo "skipped: $1"
	if [ "${DICTUM_SLURM_REQUIRED:-0}" = 1 ]; then
		echo "FAIL Slurm is required here (DICTUM_SLURM_REQUIRED=1)"
		exit 1
	fi
	exit 77
}

# ---- Slurm and munge, installed when missing ----
# The packages would start munge's own service: a policy-rc.d (the
# Debian way, also obeyed under systemd) keeps them from starting any,
# so that nothing runs after the test but what it started and stopped.
if ! command -v slurmctld >/dev/null 2>&1 || ! command -v slurmd >/dev/null 2>&1 ||
	! command -v sbatch >/dev/null 2>&1 || ! command -v munged >/dev/null 2>&1; then
	as_root=""
	[ "$(id -u)" -eq 0 ] || as_root=sudo
	policy=""
	if [ ! -e /usr/sbin/policy-rc.d ] &&
		$as_root sh -c 'printf "#!/bin/sh\nexit 101\n" >/usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d' \
			2>/dev/null; then
		policy=1
		trap '$as_root rm -f /usr/sbin/policy-rc.d; rm -rf "$TMP"' EXIT
	fi
	"$SRC/scripts/install-deps" slurm-wlm munge >"$TMP/install" 2>&1
	installed=$?
	if [ -n "$policy" ]; then
		$as_root rm -f /usr/sbin/policy-rc.d
		trap 'rm -rf "$TMP"' EXIT
	fi
	[ $installed -eq 0 ] || skip "Slurm is not installed and could not be: $(tail -1 "$TMP/install")"
fi
PATH=$PATH:/usr/sbin:/sbin
for c in slurmctld slurmd sbatch squeue scontrol munged; do
	command -v $c >/dev/null 2>&1 || skip "no $c after installing slurm-wlm and munge"
done

# ---- a one-node cluster of the test's own ----
S="$TMP/slurm"
mkdir -p "$S/state" "$S/spool"
chmod 700 "$S"
me=$(id -un)
host=$(hostname -s 2>/dev/null || hostname)
cpus=$(nproc)
# two free ports, asked of the kernel
set -- $(python3 -c 'import socket
s = [socket.socket() for _ in range(2)]
for x in s: x.bind(("127.0.0.1", 0))
print(*[x.getsockname()[1] for x in s])')
ctld_port=$1 slurmd_port=$2
cat >"$S/slurm.conf" <<EOF
ClusterName=dictumtest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
AuthType=auth/munge
AuthInfo=socket=$S/munge.sock
CredType=cred/munge
SlurmUser=$me
SlurmdUser=$me
StateSaveLocation=$S/state
SlurmdSpoolDir=$S/spool
SlurmctldPidFile=$S/slurmctld.pid
SlurmdPidFile=$S/slurmd.pid
SlurmctldLogFile=$S/slurmctld.log
SlurmdLogFile=$S/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
JobCompType=jobcomp/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
NodeName=dictumnode NodeHostname=$host NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF="$S/slurm.conf"

# stop what was started, whatever happens
stop_all() {
	scontrol shutdown >/dev/null 2>&1
	for i in 1 2 3 4 5 6 7 8 9 10; do
		[ -f "$S/slurmctld.pid" ] && kill -0 "$(cat "$S/slurmctld.pid")" 2>/dev/null && sleep 0.5 && continue
		[ -f "$S/slurmd.pid" ] && kill -0 "$(cat "$S/slurmd.pid")" 2>/dev/null && sleep 0.5 && continue
		break
	done
	for p in slurmd slurmctld munged; do
		[ -f "$S/$p.pid" ] && kill "$(cat "$S/$p.pid")" 2>/dev/null
	done
	sleep 0.5
	for p in slurmd slurmctld munged; do
		[ -f "$S/$p.pid" ] && kill -9 "$(cat "$S/$p.pid")" 2>/dev/null
	done
}
trap 'stop_all; rm -rf "$TMP"' EXIT

dd if=/dev/urandom of="$S/munge.key" bs=1024 count=1 2>/dev/null
chmod 600 "$S/munge.key"
munged --socket="$S/munge.sock" --key-file="$S/munge.key" --pid-file="$S/munged.pid" \
	--log-file="$S/munged.log" --seed-file="$S/munge.seed" --force >"$TMP/munged.out" 2>&1 ||
	skip "munged did not start: $(tail -1 "$TMP/munged.out")"
slurmctld -f "$SLURM_CONF" >"$TMP/ctld.out" 2>&1 || skip "slurmctld did not start: $(tail -1 "$TMP/ctld.out")"
slurmd -f "$SLURM_CONF" -N dictumnode >"$TMP/slurmd.out" 2>&1 ||
	skip "slurmd did not start: $(tail -1 "$TMP/slurmd.out")"
up=0
for i in $(seq 1 60); do
	if sinfo -h -o %t 2>/dev/null | grep -q idle; then
		up=1
		break
	fi
	sleep 0.5
done
[ $up = 1 ] || skip "the node did not come up: $(tail -2 "$S/slurmctld.log" "$S/slurmd.log" 2>/dev/null | tr '\n' ' ')"
ok "a one-node Slurm is up (ports $ctld_port and $slurmd_port)"

# ---- WARC shards of the samples ----
# warc_record TYPE URI FILE: one record, a web page as an HTTP response
warc_record() {
	if [ "$1" = response ]; then
		printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n' >"$TMP/payload"
		ctype="application/http; msgtype=response"
	else
		: >"$TMP/payload"
		ctype="text/plain"
	fi
	cat "$3" >>"$TMP/payload"
	printf 'WARC/1.0\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\nWARC-Date: 2024-03-0%sT10:00:00Z\r\n' \
		"$1" "$2" "$(($(wc -c <"$3") % 9 + 1))"
	printf 'Content-Type: %s\r\nContent-Length: %s\r\n\r\n' "$ctype" "$(wc -c <"$TMP/payload")"
	cat "$TMP/payload"
	printf '\r\n\r\n'
}
mkdir -p "$TMP/crawl"
i=0
for f in "$SRC"/samples/web/*.html "$SRC"/samples/*.txt; do
	n=$((i % 4 + 1))
	name=$(basename "$f")
	case $f in
	*.html) warc_record response "https://news.example/$name" "$f" ;;
	*) warc_record resource "https://wire.example/$name" "$f" ;;
	esac >>"$TMP/crawl/part$n.warc"
	i=$((i + 1))
done
# a page fetched twice, by two tasks: stored once
warc_record resource "https://wire.example/again" "$SRC/samples/01_ferry_winter.txt" >>"$TMP/crawl/part4.warc"
gzip "$TMP/crawl/part2.warc" "$TMP/crawl/part3.warc"
ls "$TMP"/crawl/part1.warc "$TMP"/crawl/part2.warc.gz "$TMP"/crawl/part3.warc.gz "$TMP"/crawl/part4.warc \
	>"$TMP/inputs"

# ---- the array, with a task made to fail, then resubmitted ----
W="$TMP/work"
OUT="$TMP/archive.db"
mkdir -p "$W/shards"
mkdir "$W/shards/3.db" # task 3 cannot write its shard: it fails, the merge must not run
# wait_job ID: until Slurm has done with it; prints its state
wait_job() {
	for i in $(seq 1 600); do
		state=$(scontrol -o show job "$1" 2>/dev/null | tr ' ' '\n' | sed -n 's/^JobState=//p' | sort -u |
			tr '\n' ' ')
		case $state in
		*PENDING* | *RUNNING* | *CONFIGURING* | *COMPLETING* | "") sleep 0.5 ;;
		*) echo "$state" && return ;;
		esac
	done
	echo "TIMEOUT"
}
set -- $("$SRC/scripts/slurm/submit" --tasks 4 --dictum "$DICTUM" "$TMP/inputs" "$W" "$OUT" 2>"$TMP/err")
array=${1:-} merge=${2:-}
[ -n "$merge" ] && ok "the array and its merge are submitted" || bad "submit: $(cat "$TMP/err")"
state=$(wait_job "$array")
case $state in *FAILED*) ok "the task that cannot write its shard fails ($state)" ;; *) bad "task 3 failed not: $state" ;; esac
state=$(wait_job "$merge")
[ ! -f "$OUT" ] && ok "no merge after a failed task ($state)" || bad "a merge ran after a failed task"
for t in 1 2 4; do
	[ -s "$W/shards/$t.db" ] && ok "task $t wrote its shard" || bad "task $t wrote no shard: $(tail -3 "$W/logs/ingest-$t.log")"
done
for t in 1 2 3 4; do
	[ "$(wc -l <"$W/lists/$t.list")" -eq 1 ] && ok "task $t was given one WARC file" ||
		bad "task $t was given $(wc -l <"$W/lists/$t.list") WARC files"
done

rmdir "$W/shards/3.db"
set -- $("$SRC/scripts/slurm/submit" --tasks 4 --dictum "$DICTUM" "$TMP/inputs" "$W" "$OUT" 2>"$TMP/err")
array=${1:-} merge=${2:-}
state=$(wait_job "$merge")
case $state in *COMPLETED*) ok "resubmitted, the array and the merge complete" ;; *) bad "resubmitted: merge $state: $(tail -5 "$W/logs/merge.log")" ;; esac
for t in 1 2 4; do
	expect_grep "ingested to their end on .*: nothing to do" "$W/logs/ingest-$t.log" "finished task $t did nothing again"
done
expect_grep "4 of 4 shards merged" "$W/logs/merge.log" "the merge took every shard"

# ---- the same answers as one ingest of the same inputs ----
SINGLE="$TMP/single.db"
"$DICTUM" ingest --quiet -j 1 --db "$SINGLE" $(cat "$TMP/inputs")
answers() {
	"$DICTUM" quotes --db "$1" --json
	"$DICTUM" search --db "$1" --json ferry
	"$DICTUM" search --db "$1" --json 'bridge OR budget'
	"$DICTUM" speakers --db "$1" --json
	"$DICTUM" echoes --db "$1" --json
	"$DICTUM" timeline --db "$1" --json --speaker kolar
}
answers "$SINGLE" >"$TMP/single.json" 2>&1
answers "$OUT" >"$TMP/merged.json" 2>&1
n=$(grep -c '"content"' "$TMP/single.json")
[ "$n" -gt 40 ] && ok "one ingest answers with $n statements" || bad "one ingest answers with only $n statements"
expect_grep '"similarity"' "$TMP/single.json" "and with echoes"
if cmp -s "$TMP/single.json" "$TMP/merged.json"; then
	ok "quotes, search, speakers, echoes and timeline of the merged archive are those of one ingest"
else
	bad "the merged archive answers otherwise than one ingest"
	diff "$TMP/single.json" "$TMP/merged.json" | head -5 | sed 's/^/     /'
fi

# ---- a finished array submitted again changes nothing ----
set -- $("$SRC/scripts/slurm/submit" --tasks 4 --dictum "$DICTUM" "$TMP/inputs" "$W" "$OUT" 2>"$TMP/err")
state=$(wait_job "${2:-0}")
case $state in *COMPLETED*) ok "submitted again, it completes" ;; *) bad "submitted again: merge $state" ;; esac
tail -1 "$W/logs/merge.log" >"$TMP/last"
expect_grep "4 of 4 shards merged: 0 documents (0 statements) added" "$TMP/last" "the second merge adds nothing"
answers "$OUT" >"$TMP/again.json" 2>&1
cmp -s "$TMP/merged.json" "$TMP/again.json" && ok "and every answer is as it was" || bad "the answers changed"

stop_all
sleep 1
left=$(ps -eo pid,args | grep -F "$S" | grep -v grep | wc -l)
[ "$left" -eq 0 ] && ok "nothing of the cluster is left running" || bad "$left processes of the cluster left running"
finish
