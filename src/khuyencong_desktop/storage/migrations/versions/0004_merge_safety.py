"""exchange: one live link per project and cơ sở (tombstones may share it); duplicate decisions that travel

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 14:00:00

The table-wide UNIQUE (project_id, beneficiary_id) of project_beneficiary becomes a unique index
over live links only, which a merge can lift while rows arrive and settle before it commits.
``duplicate_decision`` keeps each office's decision on a suspected duplicate pair (linked with a
survivor, dismissed, resolved) so it travels in packages; decisions already taken in this file
become this office's.
"""
import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

LIVE = sa.text("deleted_at IS NULL")


def _decisions(conn) -> list[dict]:
    office = conn.execute(sa.text("SELECT value FROM setting WHERE key = 'local_office_id'")).scalar() or ""
    deleted = {r[0] for r in conn.execute(sa.text("SELECT id FROM beneficiary WHERE deleted_at IS NOT NULL"))}
    found = []
    for first, second, reason, status, detected in conn.execute(sa.text(
            "SELECT first_id, second_id, reason, status, detected_at FROM suspected_duplicate WHERE status != 'open'")):
        alive = [i for i in (first, second) if i not in deleted]
        kept = alive[0] if status == "linked" and len(alive) == 1 else None
        found.append({"first_id": first, "second_id": second, "office_id": office, "reason": reason,
                      "status": status, "kept_id": kept, "decided_at": detected})
    return found


def upgrade() -> None:
    with op.batch_alter_table('project_beneficiary', recreate='always') as batch_op:
        batch_op.drop_constraint('uq_project_beneficiary_project_id', type_='unique')
    op.create_index('uq_project_beneficiary_live', 'project_beneficiary', ['project_id', 'beneficiary_id'],
                    unique=True, sqlite_where=LIVE)
    table = op.create_table('duplicate_decision',
                            sa.Column('first_id', sa.String(length=36), nullable=False),
                            sa.Column('second_id', sa.String(length=36), nullable=False),
                            sa.Column('office_id', sa.String(length=36), nullable=False),
                            sa.Column('reason', sa.String(length=20), nullable=False),
                            sa.Column('status', sa.String(length=10), nullable=False),
                            sa.Column('kept_id', sa.String(length=36), nullable=True),
                            sa.Column('decided_at', sa.String(length=27), nullable=False),
                            sa.PrimaryKeyConstraint('first_id', 'second_id', 'office_id',
                                                    name=op.f('pk_duplicate_decision')))
    rows = _decisions(op.get_bind())
    if rows:
        op.bulk_insert(table, rows)


def downgrade() -> None:
    op.drop_table('duplicate_decision')
    op.drop_index('uq_project_beneficiary_live', table_name='project_beneficiary')
    with op.batch_alter_table('project_beneficiary', recreate='always') as batch_op:
        batch_op.create_unique_constraint('uq_project_beneficiary_project_id', ['project_id', 'beneficiary_id'])
