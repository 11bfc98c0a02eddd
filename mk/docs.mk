# mk/docs.mk - make docs: the generated parts of README.md, man/bpviz.1 and docs/*.md (scripts/docs.sh).

.PHONY: docs
docs: bpviz
	@sh scripts/docs.sh
