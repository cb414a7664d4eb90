"""Views of the organisation, one module per part: directory (bodies,
organisations, people, workload), capacity (coverage and MoSCoW lines)
and charts (the org charts)."""
