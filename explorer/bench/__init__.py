"""Benchmark: how loading and the explorer scale, as ratios to baselines measured in the same run.

    python -m explorer.bench                 # 1k, 10k and 100k nodes (several minutes)
    python -m explorer.bench --sizes 1000    # the smoke run CI does
    python -m explorer.bench --json out.json # the figures as JSON too

Each figure is a ratio to a baseline taken on the same machine in the same run, so the numbers mean
the same on a fast or a slow machine. The explorer's processes (first paint, keys, save, screens)
run a copy of this checkout's package compiled to bytecode, as `pip install .` leaves it and as the
bare app's Textual is (`--from-source` runs the checkout as it is: where no bytecode is written,
PYTHONDONTWRITEBYTECODE, each start also compiles the explorer's modules):

- load: `load_corpus` (read + build + validate + every quote checked) ÷ the parse floor,
  `yaml.load(CSafeLoader)` of the same files with the garbage collector frozen;
- scaling: the 100k load time ÷ the 10k one (linear is 10);
- memory: peak RSS of our load at the largest size ÷ that of a plain `yaml.load`, each in a fresh
  process;
- first paint: `explorer`'s first composed frame (the loading screen), and its first frame of the
  main screen (the corpus shown), ÷ a bare Textual app's first frame, each in a fresh headless
  process: the bundled corpus, and the largest cold (empty warm-start cache) then warm;
- cursor key: CPU time per cursor-down on the tree with the detail pane following ÷ the same key on
  a bare Textual `Tree` of the same size (median and p99), with TEXTUAL_FPS raised so the frame
  rate does not hide the compute: until the next frame (the cursor moved), and all the key causes
  until the app is idle (the details drawn too);
- save to screen: the explorer watching the largest corpus, one tree file saved with a node's
  title changed, until the first frame composed with the new title (the watcher, the settling
  of the files, the reload and the redraw), ÷ the bare app's first frame;
- screens: opening each screen (walk, matrix, outcomes, scorecard, people, help, source, and the
  library's picker, in a library of the corpus and a small second one), from the key until the
  first frame that shows it, p50 and p99 over 20 openings, on the bundled corpus and the largest,
  each in a fresh headless process (milliseconds: a frame is the unit a user sees);
- expanding the largest branch, and search: every prefix of four queries (one with typos), and
  the time to build the search index (done in a thread once the corpus is shown).
- the HTML brief (the size nearest 10k): its export time ÷ the JSON export's, from one loaded
  corpus, and opening its largest branch (folded first) in Chromium until the frame that shows it is
  drawn (median of five; skipped, with the reason, when `/usr/bin/chromium` is missing).
- import: bringing in a news page of about 1 MB (`explorer new source PAGE` without the writing)
  ÷ trafilatura's own `extract()` of the same page.

No figure has a pass/fail threshold here: machines are noisy. The goals live in the README.
"""
