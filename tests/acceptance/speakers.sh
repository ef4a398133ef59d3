#!/bin/sh
# Speakers across documents name people and organisations, never a word
# (issue 18): after ingesting the 88 pages of $DICTUM_SHARED/extraction-bench
# (default SOURCE_DIR/../shared), $DICTUM_SHARED/seeds and samples/,
# `dictum speakers --json` may hold no speaker whose name, or a form of it,
# is one common word, a pronoun, a quantifier, an adverb, a month or day, a
# place or a nationality, and the town of samples/ ("Port Amsel") is no
# person.  The words are this test's own, written apart from the engine's
# lists in lang/ (a test that read those could not fail).  Exits 77
# (skipped) where the shared corpora are absent.
# usage: speakers.sh DICTUM SOURCE_DIR
set -eu
dictum=$1
src=$2
shared=${DICTUM_SHARED:-$src/../shared}
if [ ! -d "$shared/extraction-bench/html" ] || [ ! -d "$shared/seeds" ]; then
	echo "SKIPPED: no extraction benchmark or seeds under $shared (set DICTUM_SHARED)"
	exit 77
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dictum-speakers.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

"$dictum" ingest --quiet --db "$tmp/db" "$shared/extraction-bench/html" "$shared/seeds" "$src/samples"
"$dictum" speakers --db "$tmp/db" --json >"$tmp/speakers.json"

# Words that name nobody when they stand alone as a speaker.
cat >"$tmp/words" <<'EOF'
pronoun he
pronoun she
pronoun it
pronoun they
pronoun we
pronoun i
pronoun you
pronoun him
pronoun her
pronoun his
pronoun hers
pronoun its
pronoun their
pronoun theirs
pronoun them
pronoun our
pronoun us
pronoun who
pronoun someone
pronoun everyone
pronoun nobody
pronoun this
pronoun that
pronoun these
pronoun those
quantifier one
quantifier two
quantifier three
quantifier four
quantifier five
quantifier ten
quantifier dozens
quantifier hundreds
quantifier thousands
quantifier many
quantifier most
quantifier some
quantifier several
quantifier few
quantifier all
quantifier both
quantifier each
quantifier every
quantifier none
quantifier half
quantifier another
quantifier other
quantifier others
adverb similarly
adverb however
adverb meanwhile
adverb also
adverb additionally
adverb still
adverb instead
adverb later
adverb earlier
adverb yesterday
adverb today
adverb then
adverb now
adverb often
adverb again
adverb indeed
adverb finally
adverb previously
adverb recently
adverb moreover
adverb furthermore
adverb nevertheless
adverb otherwise
adverb perhaps
adverb clearly
month january
month february
month march
month april
month may
month june
month july
month august
month september
month october
month november
month december
day monday
day tuesday
day wednesday
day thursday
day friday
day saturday
day sunday
place us
place u.s
place u.s.
place usa
place uk
place u.k
place u.k.
place america
place britain
place england
place london
place paris
place berlin
place moscow
place beijing
place china
place russia
place france
place germany
place india
place japan
place mexico
place washington
place california
place texas
place florida
place europe
place africa
place asia
place brussels
place ukraine
place azerbaijan
place armenia
place baku
place afghanistan
place bolivia
place dallas
place tokyo
place korea
nationality american
nationality americans
nationality british
nationality german
nationality germans
nationality french
nationality chinese
nationality russian
nationality russians
nationality indian
nationality japanese
nationality mexican
nationality european
nationality afghan
nationality azerbaijani
nationality armenian
nationality bolivian
nationality korean
nationality canadian
nationality ukrainian
nationality israeli
nationality palestinian
nationality iranian
party democrat
party democrats
party democratic
party republican
party republicans
party gop
word water
word south
word north
word east
word west
word flight
word freedom
word survey
word civil
word plumes
word report
word study
word statement
word people
word sources
word officials
word experts
word critics
word analysts
word residents
word police
word spokesman
word spokeswoman
word president
word minister
word official
word source
word according
word said
word says
word news
word video
word photo
word advertisement
EOF
# Places of more than one word.
cat >"$tmp/places" <<'EOF'
port amsel
new york
new york city
new delhi
los angeles
san francisco
south dakota
north korea
south korea
united states
united kingdom
white house
hong kong
EOF

# "name<TAB>type<TAB>form" for the name and each form of every speaker
sed -n 's/^{"id":"[^"]*","name":"\([^"]*\)","type":"\([a-z]*\)","forms":\[\([^]]*\)\].*/\1	\2	\3/p' "$tmp/speakers.json" |
	awk -F '\t' '{
		print $1 "\t" $2 "\t" $1
		n = split($3, f, /","/)
		for (i = 1; i <= n; i++) {
			gsub(/^"|"$/, "", f[i])
			print $1 "\t" $2 "\t" f[i]
		}
	}' >"$tmp/forms"
speakers=$(grep -c '^{"id"' "$tmp/speakers.json" || true)
if [ "$speakers" -lt 100 ]; then
	echo "FAIL  only $speakers speakers after ingesting the corpora: did the ingest fail?"
	exit 1
fi

nbsp=$(printf '\302\240')
rsquo=$(printf '\342\200\231')
awk -F '\t' -v words="$tmp/words" -v places="$tmp/places" -v nbsp="$nbsp" -v apos="'" -v rsquo="$rsquo" '
BEGIN {
	while ((getline line < words) > 0) {
		split(line, w, " ")
		what[w[2]] = w[1] == "word" ? "common word" : w[1]
	}
	while ((getline line < places) > 0)
		place[line] = 1
}
{
	name = $1; type = $2; form = $3
	if ((name SUBSEP form) in seen)
		next
	seen[name, form] = 1
	low = tolower(form)
	while ((i = index(low, nbsp)) > 0)
		low = substr(low, 1, i - 1) " " substr(low, i + length(nbsp))
	gsub(/^ +| +$/, "", low)
	bare = low # a contraction is its first word: "they" of "They-apostrophe-ll"
	if ((i = index(bare, apos)) > 1)
		bare = substr(bare, 1, i - 1)
	if ((i = index(bare, rsquo)) > 1)
		bare = substr(bare, 1, i - 1)
	why = ""
	if (low in place)
		why = "a place"
	else if (index(low, " ") == 0 && low in what)
		why = "a " what[low]
	else if (index(low, " ") == 0 && bare in what)
		why = "a " what[bare]
	if (why != "") {
		printf "FAIL  the %s speaker \"%s\" has the form \"%s\": %s, not a name\n", type, name, form, why
		bad++
	}
}
END {
	exit bad > 0
}' "$tmp/forms" || {
	echo "FAIL  speakers that name nobody (above)"
	exit 1
}
echo "ok    $speakers speakers, none of them a common word, pronoun, quantifier, adverb, month, place or nationality; Port Amsel is no person"
