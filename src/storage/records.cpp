#include "storage/records.h"

namespace wic::storage {

std::string_view to_string(JobStatus status) {
  switch (status) {
    case JobStatus::kPending:
      return "pending";
    case JobStatus::kRunning:
      return "running";
    case JobStatus::kCompleted:
      return "completed";
    case JobStatus::kFailed:
      return "failed";
  }
  return "unknown";
}

std::optional<JobStatus> parse_job_status(std::string_view text) {
  for (auto status : {JobStatus::kPending, JobStatus::kRunning, JobStatus::kCompleted, JobStatus::kFailed}) {
    if (text == to_string(status)) {
      return status;
    }
  }
  return std::nullopt;
}

}  // namespace wic::storage
