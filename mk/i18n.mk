# mk/i18n.mk - gettext: the template (make pot), the catalogues compiled into build/locale.

PO_FILES := $(wildcard po/*.po)
MO_FILES := $(PO_FILES:po/%.po=$(BUILD)/locale/%/LC_MESSAGES/bpviz.mo)

$(BUILD)/locale/%/LC_MESSAGES/bpviz.mo: po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

# Regenerates po/bpviz.pot from the sources and merges it into every catalogue.
.PHONY: pot
pot:
	xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --add-comments=TRANSLATORS \
	    --package-name=bpviz --package-version=$(VERSION) -o po/bpviz.pot $(sort $(wildcard src/*.c src/*/*.c))
	for po in $(PO_FILES); do msgmerge --quiet --update --backup=none $$po po/bpviz.pot; done
