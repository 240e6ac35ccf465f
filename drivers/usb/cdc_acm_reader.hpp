// cdc_acm_reader: a serial-over-USB (CDC-ACM) card reader — RDM6300-style frames arriving on bulk
// IN in arbitrary chunks, after the line is set to the profile's baud rate 8N1 with DTR/RTS up.
#pragma once

#include <memory>
#include <vector>

#include "drivers/card/serial_frame.hpp"
#include "drivers/usb/interface_info.hpp"
#include "drivers/usb/usb_driver.hpp"
#include "drivers/usb/usb_transfer.hpp"

namespace classbook::drivers::usb {

// Bulk-IN transfers kept waiting, so bytes arriving while one completes have somewhere to go.
inline constexpr int cdc_transfers_in_flight = 2;

class CdcAcmReader final : public UsbDriver {
 public:
  CdcAcmReader(const ReaderProfile& profile, libusb_device_handle* handle, DriverHost& host);

  Status open() override;
  void cancel() override;
  bool idle() const override;
  void release() override;

 private:
  Status claim_both();
  Status set_line();
  int submit(UsbTransfer& t);
  void on_data(UsbTransfer& t);

  const ReaderProfile& profile_;
  libusb_device_handle* handle_;
  DriverHost& host_;
  int comm_ = 0, data_ = 0;
  std::vector<int> claimed_;
  EndpointInfo in_;
  std::vector<std::unique_ptr<UsbTransfer>> transfers_;
  SerialFrameParser parser_;
  bool cancelled_ = false;
};

}  // namespace classbook::drivers::usb
