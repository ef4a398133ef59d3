# Shared by the PolNeAR acceptance scripts (sourced): polnear_split SPLIT
# SOURCE_DIR sets GOLD to the split under $DICTUM_SHARED (default
# SOURCE_DIR/../shared), or says the suite is skipped and exits 77 (CTest's
# skip code) where it is absent.
polnear_split() {
	GOLD=${DICTUM_SHARED:-$2/../shared}/polnear/$1
	if [ ! -d "$GOLD/text" ]; then
		echo "SKIPPED: no PolNeAR $1 at $GOLD (set DICTUM_SHARED)"
		exit 77
	fi
}
