#!/usr/bin/env bash
# make-demo-repo.sh DIR [MBOX]
#
# Builds, in DIR, a small git repository holding a five-patch kernel-style series
# (tag `base`, then the series on master) that shows what mmu-review reports. With
# MBOX, also writes the series as `git format-patch --stdout` mail to that file
# (examples/demo-series.mbox is this output). Identities and dates are fixed, so the
# commit ids, and the mbox, are the same on every machine.
set -euo pipefail
dir=${1:?usage: make-demo-repo.sh DIR [MBOX]}
mbox=${2:-}
[[ -n $mbox && $mbox != /* ]] && mbox=$PWD/$mbox
rm -rf "$dir"; mkdir -p "$dir"; cd "$dir"

export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export GIT_AUTHOR_NAME="Dee Veloper" GIT_AUTHOR_EMAIL="dee@example.org"
export GIT_COMMITTER_NAME="Dee Veloper" GIT_COMMITTER_EMAIL="dee@example.org"
n=0
commit() {  # commit MESSAGE: stage everything, commit with the next fixed date
    n=$((n + 1))
    git add -A
    GIT_AUTHOR_DATE="@$((1767225600 + n * 3600)) +0000" GIT_COMMITTER_DATE="@$((1767225600 + n * 3600)) +0000" \
        git commit -q -m "$1"
}

git init -q -b master .
mkdir -p arch/x86/include/asm arch/x86/kvm/mmu

cat > arch/x86/include/asm/kvm_host.h <<'EOF'
/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _DEMO_KVM_HOST_H
#define _DEMO_KVM_HOST_H

#define PT64_ROOT_4LEVEL	4
#define PT64_ROOT_5LEVEL	5

struct kvm_arch {
	unsigned long n_used_mmu_pages;
	bool tdp_mmu_enabled;
};

#endif /* _DEMO_KVM_HOST_H */
EOF

cat > arch/x86/kvm/mmu/mmu.c <<'EOF'
// SPDX-License-Identifier: GPL-2.0-only
/*
 * A toy MMU file for the mmu-review demo series.
 */
#include <linux/kvm_host.h>

bool tdp_enabled = false;

static int mmu_alloc_root(struct kvm_vcpu *vcpu, int level)
{
	if (level < PT64_ROOT_4LEVEL)
		return -EINVAL;

	vcpu->arch.mmu->root_level = level;
	return 0;
}

int kvm_mmu_init_vm(struct kvm *kvm)
{
	kvm->arch.n_used_mmu_pages = 0;
	return 0;
}
EOF
commit "KVM: x86/mmu: Base tree for the demo series

A small stand-in for arch/x86/kvm/mmu/mmu.c to build the demo series on.

Signed-off-by: Dee Veloper <dee@example.org>"
git tag base

# 1/5: a module parameter with symbolic permissions and an inverted name.
python3 - <<'PY'
p = 'arch/x86/kvm/mmu/mmu.c'
s = open(p).read()
s = s.replace('bool tdp_enabled = false;\n', '''bool tdp_enabled = false;

static bool __read_mostly eager_split_enabled;
module_param_named(enable_eager_split, eager_split_enabled, bool,
		   S_IRUGO | S_IWUSR);
''')
open(p, 'w').write(s)
PY
commit "KVM: x86/mmu: Add a module parameter for eager page splitting

Let the administrator choose whether huge pages are split eagerly when
dirty logging is enabled.

Signed-off-by: Dee Veloper <dee@example.org>"

# 2/5: a struct member that nothing reads yet, and trailing whitespace.
python3 - <<'PY'
p = 'arch/x86/include/asm/kvm_host.h'
s = open(p).read()
s = s.replace('\tbool tdp_mmu_enabled;\n', '\tbool tdp_mmu_enabled;\n\tbool eager_split; \n\tunsigned long split_pages;\n')
open(p, 'w').write(s)
p = 'arch/x86/kvm/mmu/mmu.c'
s = open(p).read()
s = s.replace('\tkvm->arch.n_used_mmu_pages = 0;\n', '\tkvm->arch.n_used_mmu_pages = 0;\n\tkvm->arch.split_pages = 0;\n')
open(p, 'w').write(s)
PY
commit "KVM: x86/mmu: Count split pages per VM

Add a per-VM counter of the huge pages split so far.

Signed-off-by: Dee Veloper <dee@example.org>"

# 3/5: the writable parameter snapshotted at VM creation, and a WARN user space can hit.
python3 - <<'PY'
p = 'arch/x86/kvm/mmu/mmu.c'
s = open(p).read()
s = s.replace('''int kvm_mmu_init_vm(struct kvm *kvm)
{
''', '''static bool want_eager_split(void)
{
	if (!READ_ONCE(eager_split_enabled))
		return false;

	if (WARN_ON_ONCE(!tdp_enabled))
		return false;

	return true;
}

int kvm_mmu_init_vm(struct kvm *kvm)
{
	kvm->arch.eager_split = want_eager_split();
''')
open(p, 'w').write(s)
PY
commit "KVM: x86/mmu: Snapshot the eager split setting at VM creation

Read the module parameter once when the VM is created so that a VM keeps
one setting for its whole life.

Signed-off-by: Dee Veloper <dee@example.org>"

# 4/5: a BUG_ON a 5-level host reaches, and a keyword without a space.
python3 - <<'PY'
p = 'arch/x86/kvm/mmu/mmu.c'
s = open(p).read()
s = s.replace('''	if (level < PT64_ROOT_4LEVEL)
		return -EINVAL;
''', '''	if(level < PT64_ROOT_4LEVEL)
		return -EINVAL;

	/* TODO: 5-level roots. */
	BUG_ON(level > PT64_ROOT_4LEVEL);
''')
open(p, 'w').write(s)
PY
commit "KVM: x86/mmu: Only build 4-level roots

Five-level roots are not supported yet.

Signed-off-by: Dee Veloper <dee@example.org>"

# 5/5: reads the counter, but the author forgot to sign off.
python3 - <<'PY'
p = 'arch/x86/kvm/mmu/mmu.c'
s = open(p).read()
s += '''
unsigned long kvm_mmu_split_pages(struct kvm *kvm)
{
	return READ_ONCE(kvm->arch.split_pages);
}
'''
open(p, 'w').write(s)
PY
commit "KVM: x86/mmu: Report the number of split pages

Give the stats code a way to read the counter."

if [[ -n $mbox ]]; then
    # format-patch stamps Message-Ids with the current time; pin it so the mbox is reproducible.
    git format-patch -q --stdout --no-signature --thread base..master |
        sed -E 's/<([0-9a-f]{40})\.[0-9]+\.git\./<\1.1767225600.git./g' > "$mbox"
fi
echo "demo repository: $dir (review it with: mmu-review -C $dir base..master)" >&2
