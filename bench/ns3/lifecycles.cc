// lifecycles: the tcpsim lifecycle benchmark as an ns-3 program.
//
// Two nodes joined by one point-to-point link (10 ms one way, fast enough
// that serialisation is negligible), each device losing a fraction --loss
// of the packets it receives, so both directions lose. N lifecycles run
// one after the other in one simulation: the client connects, each side
// sends 100 bytes, the client closes 1 s after the connection is up (as in
// bench/ns3/lifecycle.yaml), the server closes when the client's FIN
// arrives (CLOSE_WAIT), and the client waits in TIME_WAIT for 2 x MSL
// (ns3::TcpSocketBase::MaxSegLifetime). The next lifecycle starts when the
// client's socket reaches CLOSED, so only one connection is ever alive.
//
// Prints one line: lifecycles done, how many passed through TIME_WAIT,
// how many ended otherwise (connect failed, reset, retries exhausted),
// and the simulated time.
//
// Build: see run.sh (g++ with pkg-config ns3-core ns3-network
// ns3-internet ns3-point-to-point).

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <cstdint>
#include <iostream>

using namespace ns3;

namespace
{

const uint16_t kPort = 80;
const uint32_t kBytes = 100;

struct Bench
{
    uint32_t want = 0;       // lifecycles to run
    uint32_t started = 0;    // lifecycles started
    uint32_t done = 0;       // lifecycles whose client reached CLOSED
    uint32_t timeWait = 0;   // of those, how many passed through TIME_WAIT
    uint32_t closeWait = 0;  // clients that ns-3 took to CLOSE_WAIT (see below)
    uint32_t stuck = 0;      // lifecycles abandoned by the watchdog
    double msl = 120;
    EventId watchdog;
    bool inTimeWait = false; // the current client entered TIME_WAIT
    Ptr<Node> client;
    Ptr<Socket> clientSock; // the current client socket
    Ptr<Socket> serverSock; // the current accepted socket
    Ipv4Address serverAddr;
};

Bench g;

void StartLifecycle();
void EndLifecycle();
void ClientState(TcpSocket::TcpStates_t, TcpSocket::TcpStates_t to);

// Stuck abandons a lifecycle that ns-3 left without a timer to end it
// (seen in 3.37 at 5% loss: a client in FIN_WAIT_2 whose peer's FIN was
// lost and never resent). It fires 2 x MSL + 10 minutes after the start.
void Stuck()
{
    g.stuck++;
    g.inTimeWait = false;
    g.clientSock->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
    g.clientSock->TraceDisconnectWithoutContext("State", MakeCallback(&ClientState));
    g.watchdog = EventId();
    EndLifecycle();
}

void Drain(Ptr<Socket> s)
{
    while (s->Recv())
    {
    }
}

void SendHundred(Ptr<Socket> s)
{
    s->Send(Create<Packet>(kBytes));
}

void ClientConnected(Ptr<Socket> s)
{
    SendHundred(s);
    Simulator::Schedule(Seconds(1), &Socket::Close, s);
}

void ClientConnectFailed(Ptr<Socket>)
{
    // The state trace below sees CLOSED and starts the next lifecycle.
}

void ClientState(TcpSocket::TcpStates_t, TcpSocket::TcpStates_t to)
{
    if (to == TcpSocket::CLOSE_WAIT)
    {
        // ns-3 3.37 quirk: a FIN that arrived out of order, completed in
        // FIN_WAIT_2 by the missing data, takes the client to CLOSE_WAIT
        // (TcpSocketBase::DoPeerClose) although its application closed
        // already; closing again leaves it in LAST_ACK with no timer. The
        // lifecycle can go no further: count it as one without TIME_WAIT
        // and go on (the socket stays in ns-3's list, a small leak).
        g.closeWait++;
        to = TcpSocket::CLOSED;
    }
    if (to == TcpSocket::TIME_WAIT)
    {
        g.inTimeWait = true;
    }
    if (to != TcpSocket::CLOSED)
    {
        return;
    }
    EndLifecycle();
}

// EndLifecycle counts the current lifecycle and starts the next one.
void EndLifecycle()
{
    g.watchdog.Cancel();
    g.done++;
    if (g.inTimeWait)
    {
        g.timeWait++;
    }
    // Not from inside the socket's own call: let it finish closing first.
    if (g.done < g.want)
    {
        Simulator::ScheduleNow(&StartLifecycle);
    }
    else
    {
        Simulator::ScheduleNow(&Simulator::Stop);
    }
}

void StartLifecycle()
{
    g.started++;
    g.inTimeWait = false;
    Ptr<Socket> s = Socket::CreateSocket(g.client, TcpSocketFactory::GetTypeId());
    s->TraceConnectWithoutContext("State", MakeCallback(&ClientState));
    s->SetConnectCallback(MakeCallback(&ClientConnected), MakeCallback(&ClientConnectFailed));
    s->SetRecvCallback(MakeCallback(&Drain));
    s->Bind();
    s->Connect(InetSocketAddress(g.serverAddr, kPort));
    g.clientSock = s; // releases the previous, now CLOSED, socket
    g.watchdog = Simulator::Schedule(Seconds(2 * g.msl + 600), &Stuck);
}

void ServerPeerClosed(Ptr<Socket> s)
{
    s->Close(); // CLOSE_WAIT -> LAST_ACK: the FIN follows the queued data
}

void ServerAccept(Ptr<Socket> s, const Address&)
{
    s->SetRecvCallback(MakeCallback(&Drain));
    s->SetCloseCallbacks(MakeCallback(&ServerPeerClosed), MakeNullCallback<void, Ptr<Socket>>());
    SendHundred(s);
    g.serverSock = s;
}

void Usage()
{
    std::cerr << "usage: lifecycles --n=N --loss=P --msl=SECONDS [--seed=S]\n";
}

} // namespace

int main(int argc, char* argv[])
{
    uint32_t n = 1000;
    double loss = 0.0;
    double msl = 120.0;
    uint32_t seed = 1;
    CommandLine cmd;
    cmd.AddValue("n", "lifecycles to run, one after the other", n);
    cmd.AddValue("loss", "probability that a packet is lost, each direction", loss);
    cmd.AddValue("msl", "maximum segment lifetime in seconds (TIME_WAIT = 2 x msl)", msl);
    cmd.AddValue("seed", "run number of the random streams", seed);
    cmd.Parse(argc, argv);
    if (n == 0 || loss < 0 || loss >= 1 || msl <= 0)
    {
        Usage();
        return 2;
    }
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(seed);
    Config::SetDefault("ns3::TcpSocketBase::MaxSegLifetime", DoubleValue(msl));
    // A 1448-byte MSS is irrelevant for 100 bytes; keep the defaults
    // (NewReno, delayed ACK, min RTO 1 s) except for the MSL.

    NodeContainer nodes;
    nodes.Create(2);
    PointToPointHelper link;
    link.SetDeviceAttribute("DataRate", StringValue("100Gbps"));
    link.SetChannelAttribute("Delay", StringValue("10ms"));
    NetDeviceContainer devs = link.Install(nodes);
    for (uint32_t i = 0; i < 2; i++)
    {
        Ptr<RateErrorModel> em = CreateObject<RateErrorModel>();
        em->SetUnit(RateErrorModel::ERROR_UNIT_PACKET);
        em->SetRate(loss);
        devs.Get(i)->SetAttribute("ReceiveErrorModel", PointerValue(em));
    }
    InternetStackHelper stack;
    stack.Install(nodes);
    Ipv4AddressHelper addrs;
    addrs.SetBase("10.0.0.0", "255.255.255.0");
    Ipv4InterfaceContainer ifs = addrs.Assign(devs);

    Ptr<Socket> listener = Socket::CreateSocket(nodes.Get(1), TcpSocketFactory::GetTypeId());
    listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), kPort));
    listener->Listen();
    listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                MakeCallback(&ServerAccept));

    g.want = n;
    g.msl = msl;
    g.client = nodes.Get(0);
    g.serverAddr = ifs.GetAddress(1);
    Simulator::ScheduleNow(&StartLifecycle);
    Simulator::Run();
    double simSeconds = Simulator::Now().GetSeconds();
    uint64_t events = Simulator::GetEventCount();
    g.clientSock = nullptr;
    g.serverSock = nullptr;
    Simulator::Destroy();

    std::cout << "lifecycles " << g.done << " time_wait " << g.timeWait << " other "
              << (g.done - g.timeWait) << " client_close_wait " << g.closeWait << " stuck " << g.stuck << " simulated_s " << simSeconds << " events " << events << "\n";
    return g.done == n ? 0 : 1;
}
