"""exchange: entry lineage (parents), open conflicts, suspected duplicates

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 10:00:00

Entries written before this revision form one line per field in this file: each update's
parent is the previous entry of its field (or the record's creation); a deletion or restoration
names every head of the record at its time.
"""
import json

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def _fill_parents(conn) -> None:
    rows = conn.execute(sa.text("SELECT seq, id, record_id, op, field FROM change_log ORDER BY record_id, seq")).all()
    updates = []
    record, create_id, heads = None, None, {}
    for seq, entry_id, record_id, kind, field in rows:
        if record_id != record:
            record, create_id, heads = record_id, None, {}
        if kind == "create":
            create_id = entry_id
            parents = []
        else:
            key = "deleted_at" if kind in ("delete", "restore") else field
            if kind == "update":
                parents = ([heads[key]] if key in heads else [create_id] if create_id else [])
                parents += [heads["deleted_at"]] if "deleted_at" in heads else []
            else:
                parents = sorted(set(heads.values())) or ([create_id] if create_id else [])
            heads[key] = entry_id
        updates.append({"seq": seq, "parents": json.dumps(parents)})
    if updates:
        conn.execute(sa.text("UPDATE change_log SET parents = :parents WHERE seq = :seq"), updates)


def upgrade() -> None:
    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.add_column(sa.Column('parents', sa.Text(), nullable=True))
    op.create_table('exchange_conflict',
                    sa.Column('record_id', sa.String(length=36), nullable=False),
                    sa.Column('field', sa.String(length=60), nullable=False),
                    sa.Column('entity', sa.String(length=40), nullable=False),
                    sa.Column('heads', sa.Text(), nullable=False),
                    sa.Column('shown_entry_id', sa.String(length=36), nullable=False),
                    sa.Column('detected_at', sa.String(length=27), nullable=False),
                    sa.PrimaryKeyConstraint('record_id', 'field', name=op.f('pk_exchange_conflict')))
    op.create_table('suspected_duplicate',
                    sa.Column('first_id', sa.String(length=36), nullable=False),
                    sa.Column('second_id', sa.String(length=36), nullable=False),
                    sa.Column('reason', sa.String(length=20), nullable=False),
                    sa.Column('status', sa.String(length=10), nullable=False),
                    sa.Column('detected_at', sa.String(length=27), nullable=False),
                    sa.PrimaryKeyConstraint('first_id', 'second_id', name=op.f('pk_suspected_duplicate')))
    _fill_parents(op.get_bind())


def downgrade() -> None:
    op.drop_table('suspected_duplicate')
    op.drop_table('exchange_conflict')
    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.drop_column('parents')
