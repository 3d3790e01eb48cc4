"""`python -m explorer.bench`: see the package's docstring."""

from explorer.bench.report import main

raise SystemExit(main())
