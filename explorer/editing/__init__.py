"""Helping people edit their files: schemas for editors, skeletons, the editor command, atomic
writes."""
