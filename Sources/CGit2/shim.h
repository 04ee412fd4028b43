#include <git2.h>

/* git_libgit2_opts is variadic, which Swift cannot call: one typed wrapper per
 * option mmu-review sets. */

/* Object reads re-hash every object by default (SHA-1DC); git itself does not when
 * it reads, and the repository under review is the user's own. */
static inline int mmu_git_set_strict_hash_verification(int enabled)
{
	return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, enabled);
}

/* libgit2's object cache keeps parsed commits and trees per repository handle, up to
 * 256 MB by default. A review visits each commit once (SUBJECT_PREFIX keeps what its
 * walks learn itself), so the cache only grows with the range: off. */
static inline int mmu_git_set_caching(int enabled)
{
	return git_libgit2_opts(GIT_OPT_ENABLE_CACHING, enabled);
}
