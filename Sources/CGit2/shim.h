#include <git2.h>

/* git_libgit2_opts is variadic, which Swift cannot call: one typed wrapper per
 * option mmu-review sets. */

/* Object reads re-hash every object by default (SHA-1DC); git itself does not when
 * it reads, and the repository under review is the user's own. */
static inline int mmu_git_set_strict_hash_verification(int enabled)
{
	return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, enabled);
}

/* Blobs are not kept in libgit2's object cache by default. */
static inline int mmu_git_set_cache_object_limit(git_object_t type, size_t size)
{
	return git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, type, size);
}
