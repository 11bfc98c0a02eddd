# mk/install.mk - make install / uninstall (PREFIX=..., DESTDIR=... honoured).

BINDIR  = $(DESTDIR)$(PREFIX)/bin
MANDIR  = $(DESTDIR)$(PREFIX)/share/man/man1
DATADIR = $(DESTDIR)$(PREFIX)/share/bpviz
LOCDIR  = $(DESTDIR)$(PREFIX)/share/locale

.PHONY: install uninstall
install: bpviz $(MO_FILES)
	install -d $(BINDIR) $(MANDIR) $(DATADIR)/scenarios/data
	install -m 755 bpviz $(BINDIR)/bpviz
	install -m 644 man/bpviz.1 $(MANDIR)/bpviz.1
	install -m 644 scenarios/*.bp scenarios/FORMAT.md scenarios/README.md $(DATADIR)/scenarios/
	install -m 644 scenarios/data/*.csv $(DATADIR)/scenarios/data/
	for mo in $(MO_FILES); do \
	    lang=$$(basename $$(dirname $$(dirname $$mo))); \
	    install -d $(LOCDIR)/$$lang/LC_MESSAGES; \
	    install -m 644 $$mo $(LOCDIR)/$$lang/LC_MESSAGES/bpviz.mo; \
	done

uninstall:
	rm -f $(BINDIR)/bpviz $(MANDIR)/bpviz.1
	rm -rf $(DATADIR)
	for mo in $(MO_FILES); do \
	    lang=$$(basename $$(dirname $$(dirname $$mo))); \
	    rm -f $(LOCDIR)/$$lang/LC_MESSAGES/bpviz.mo; \
	done
