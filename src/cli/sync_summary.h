#pragma once

#include "sync/job_options.h"
#include "sync/scheduler.h"

namespace wic::cli {

// Prints what a sync job did on stdout, with its calls against the naive
// count and the lower bound.
void print_job_summary(const sync::JobReport& report);

// Prints how fresh the scheduler keeps each retailer's targets.
void print_schedule(const sync::SchedulerStatus& status);

}  // namespace wic::cli
